namespace IncidentResponse.Contracts.Notifications;

/// <summary>Proof of delivery: a notification reached its recipient through one of their channels.</summary>
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
    DateTimeOffset DeliveredAt);
