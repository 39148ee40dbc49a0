namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>A notification and how its delivery stands (<c>GET /api/v1/deliveries</c>); <see cref="Status"/> is one of <see cref="Vocabulary.NotificationStatus.All"/>.</summary>
public sealed record DeliverySummary(Guid Id, Guid IncidentId, string IncidentNumber, string Unit, string Recipient, string Kind, string Status,
    int Attempts, int Resends, string? DeliveredChannel, string? DeliveredAddress, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string Origin, Guid? EngagementId);
