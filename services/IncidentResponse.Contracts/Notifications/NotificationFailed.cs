namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// Every channel of a recipient failed: nobody was reached. Escalation reacts at once instead of
/// waiting for its timer; the failure shows on the incident and in the deliveries list until a
/// resend succeeds.
/// <para><c>Origin</c>: What asked for it: <c>engagement</c> (the first notice), <c>step:{round}:{step}</c> (an escalation page), <c>deadline</c> (a legal deadline alert), <c>decline</c> (the standing office told of a decline).</para>
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
    DateTimeOffset FailedAt,
    Guid? EngagementId,
    string Origin);
