namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>
/// A notification and how its delivery stands (<c>GET /api/v1/deliveries</c>); <see cref="Status"/> is one of
/// <see cref="Vocabulary.NotificationStatus.All"/>. <see cref="AnsweredAs"/> is the state of its engagement
/// (<see cref="Vocabulary.EngagementStates"/>) when the unit's answer makes the notice moot
/// (<see cref="Vocabulary.NotificationOrigins.IsMoot"/>): it need not be sent again, whatever became of it. Null otherwise.
/// <see cref="StoppedByClose"/>: its incident is closed and it is a notice a close stops (a page, update or hand-over,
/// <see cref="Vocabulary.NotificationOrigins.StopsAtClose"/>): it is not sent again (a re-send answers <c>409</c>).
/// </summary>
public sealed record DeliverySummary(Guid Id, Guid IncidentId, string IncidentNumber, string Unit, string Recipient, string Kind, string Status,
    int Attempts, int Resends, string? DeliveredChannel, string? DeliveredAddress, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string Origin, Guid? EngagementId, string? AnsweredAs = null, bool StoppedByClose = false);
