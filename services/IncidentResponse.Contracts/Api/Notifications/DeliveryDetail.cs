namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>A notification with every delivery attempt (<c>GET /api/v1/deliveries/{id}</c>): the proof of delivery.</summary>
public sealed record DeliveryDetail(DeliverySummary Delivery, string AcknowledgeCode, IReadOnlyList<AttemptView> Attempts);
