namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Every channel of a recipient failed: nobody was reached. Escalation reacts at once instead of
/// waiting for its timer; the failure shows on the incident and in the deliveries list until a
/// resend succeeds.
/// </summary>
public sealed record NotificationFailed(
    Guid NotificationId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string RecipientName,
    IReadOnlyList<string> ChannelsTried,
    int Attempts,
    string LastError,
    DateTimeOffset FailedAt);
