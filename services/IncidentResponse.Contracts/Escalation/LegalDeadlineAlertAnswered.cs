namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Notifications has the notice of a <see cref="LegalDeadlineAlert"/> (sent, or already there): its answer,
/// given again for every repeat. Escalation sends the alert of a clock again until it is answered.
/// <c>Alert</c>: the alert answered; <c>Told</c>: whether the unit it names is an active unit of the directory and was given a
/// notice. When it was not (<c>false</c>), triage adds to the incident's timeline that nobody was told, beside the alert's own
/// entry (both null in answers from before they were carried).
/// </summary>
public sealed record LegalDeadlineAlertAnswered(
    Guid IncidentId,
    string DeadlineId,
    string Stage,
    DateTimeOffset AnsweredAt,
    LegalDeadlineAlert? Alert = null,
    bool? Told = null);
