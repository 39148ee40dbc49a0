namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// A report as received and validated, kept whole: the fields of the legal initial-report form
/// (Mẫu 03) plus classification (RSIT <c>class:type</c>), TLP 2.0 label and observables.
/// <see cref="Drill"/>: an exercise (diễn tập) — it never reaches real partners nor starts legal duties
/// (false in messages from before drills).
/// <see cref="IncidentNumber"/>: the number of the incident an earlier report opened, as the reporter quotes it (a progress
/// report, a request for support, a reply to a receipt or a notice); triage files the report under that incident (see
/// <c>ReportTriage.Takes</c>: an open one of the same kind; a closed one unless the report is a legal initial report or
/// serious) instead of correlating it on its own. Null when none is quoted (and in messages from before follow-ups).
/// </summary>
public sealed record IncidentReport(
    string Title,
    string Description,
    string Classification,
    string Tlp,
    DateTimeOffset DetectedAt,
    bool DetectedAtAssumed,
    Reporter? Reporter,
    ContactPerson? Contact,
    AffectedSystem? AffectedSystem,
    ImpactAssessment Impact,
    IReadOnlyList<Observable> Observables,
    string? CurrentStatus,
    string? DetectionMethod,
    IReadOnlyList<string> AlreadyNotified,
    IReadOnlyList<string> MeasuresInPlace,
    string? Recommendations,
    bool IsLegalInitialReport,
    bool Drill = false,
    string? IncidentNumber = null);
