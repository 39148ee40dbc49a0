using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// The incident's current state as a whole: severity level 0–5, the legal serious-incident flag,
/// TLP, lifecycle status, the deadlines that run, and what routing needs to know about the affected
/// system. Published when an incident is opened and on every change of any of these, and again by
/// triage until every service that keeps a copy has answered <see cref="IncidentStateApplied"/>.
/// <see cref="StateVersion"/> rises with each change: a receiver applies a state only if it is newer
/// than the one it holds, so no order of delivery leaves it with an older state (0: a message from
/// before versions, applied as it comes). <see cref="Drill"/>: an exercise (diễn tập), whose notices go
/// only to exercise contacts and which has no legal deadlines (false in messages from before drills).
/// The message that opens an incident also says so (<see cref="OpenedAt"/>, <see cref="FirstReportId"/>,
/// <see cref="DetectedAt"/>, and how that report came in, <see cref="ReportedVia"/>: one of
/// <see cref="Vocabulary.ReportChannels"/>), in place of a separate <see cref="IncidentOpened"/> (still consumed, for
/// messages published before the merge); null on every later state. <see cref="SeriousUndetermined"/>: the serious-incident
/// test lacks a fact to decide and no person has decided; null in messages from before it was carried (not known: notices then
/// say nothing of it rather than "ordinary").
/// </summary>
public sealed record IncidentTriaged(
    Guid IncidentId,
    string Number,
    string Title,
    string Classification,
    int SeverityLevel,
    int Score,
    bool Serious,
    string Tlp,
    bool PersonalData,
    AffectedSystem? AffectedSystem,
    IReadOnlyList<LegalDeadline> Deadlines,
    string PolicyVersion,
    DateTimeOffset TriagedAt,
    string? Status = null,
    int StateVersion = 0,
    bool Drill = false,
    DateTimeOffset? OpenedAt = null,
    Guid? FirstReportId = null,
    DateTimeOffset? DetectedAt = null,
    string? ReportedVia = null,
    bool? SeriousUndetermined = null);
