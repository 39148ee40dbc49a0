namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Notifications has the notice of a <see cref="LegalDeadlineAlert"/> (sent, or already there): its answer,
/// given again for every repeat. Escalation sends the alert of a clock again until it is answered.
/// </summary>
public sealed record LegalDeadlineAlertAnswered(Guid IncidentId, string DeadlineId, string Stage, DateTimeOffset AnsweredAt);
