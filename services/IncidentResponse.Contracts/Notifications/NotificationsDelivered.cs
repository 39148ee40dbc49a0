namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Proof of delivery for the notifications one dispatch batch delivered, recorded in one commit: one message
/// instead of one <see cref="NotificationDelivered"/> each (still consumed, for messages published before
/// batches). Failures stay single (<see cref="NotificationFailed"/>): escalation acts on each.
/// </summary>
public sealed record NotificationsDelivered(IReadOnlyList<NotificationDelivered> Deliveries);
