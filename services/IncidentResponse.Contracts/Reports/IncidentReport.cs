namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// A report as received and validated, kept whole: the fields of the legal initial-report form
/// (Mẫu 03) plus classification (RSIT <c>class:type</c>), TLP 2.0 label and observables.
/// <see cref="Drill"/>: an exercise (diễn tập) — it never reaches real partners nor starts legal duties
/// (false in messages from before drills).
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
    bool Drill = false);
