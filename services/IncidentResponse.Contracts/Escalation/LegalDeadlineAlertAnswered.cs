namespace IncidentResponse.Contracts.Escalation;

/// <summary>
/// Notifications has the notice of a <see cref="LegalDeadlineAlert"/> (sent, or already there): its answer,
/// given again for every repeat. Escalation sends the alert of a clock again until it is answered.
/// <c>Alert</c>: the alert answered; <c>Told</c>: whether the unit it names is an active unit of the directory and was
/// given a notice (false: nobody was told); <c>UnitNameVi</c>/<c>UnitNameEn</c>: that unit's names. Triage puts the alert on
/// the incident's timeline from the answer, so the entry says who was told, by name, and whether anyone was
/// (all four null in answers from before they were carried).
/// </summary>
public sealed record LegalDeadlineAlertAnswered(
    Guid IncidentId,
    string DeadlineId,
    string Stage,
    DateTimeOffset AnsweredAt,
    LegalDeadlineAlert? Alert = null,
    bool? Told = null,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
