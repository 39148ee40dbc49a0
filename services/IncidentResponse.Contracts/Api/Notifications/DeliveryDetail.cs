using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>
/// A notification with every delivery attempt (<c>GET /api/v1/deliveries/{id}</c>): the proof of delivery.
/// The acknowledgement code is half of an SMS acknowledgement, so only callers who may manage incidents
/// (coordinators, operators) get it; for everyone else the field is absent.
/// </summary>
public sealed record DeliveryDetail(
    DeliverySummary Delivery,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AcknowledgeCode,
    IReadOnlyList<AttemptView> Attempts);
