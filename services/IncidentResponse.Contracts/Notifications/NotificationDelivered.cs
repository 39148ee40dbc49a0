namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Proof of delivery: a notification reached its recipient through one of their channels. <c>Origin</c>: what asked for it,
/// as <c>NotificationFailed</c> says it (<c>receipt</c> for a report's receipt); null in messages from before it was carried.
/// </summary>
public sealed record NotificationDelivered(
    Guid NotificationId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string RecipientName,
    string Channel,
    string Address,
    int Attempts,
    string ProviderResponse,
    DateTimeOffset DeliveredAt,
    string? Origin = null);
