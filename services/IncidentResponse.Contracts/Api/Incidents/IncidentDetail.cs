using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// One incident (<c>GET /api/v1/incidents/{id}</c>): its facts, deadlines, the triage explanation, its reports and the timeline's head.
/// A closed incident is recorded closed (<see cref="ClosingRecordedAt"/>) only when its closing report (Mẫu 04) is submitted;
/// until then <see cref="AwaitingClosingReport"/> is true (<see cref="ClosedAt"/> is when the response ended).
/// <see cref="Drill"/>: an exercise (diễn tập). <see cref="NationalSecurityOrPublicOrder"/>: it may harm national security or
/// public order (reported or declared). <see cref="SeriousUndetermined"/>: the serious-incident test lacks a fact to decide
/// (<see cref="Assessment.SeriousTest"/> names it) and no person has decided, as in <see cref="IncidentSummary"/>.
/// </summary>
public sealed record IncidentDetail(
    Guid Id, string Number, string Title, StatusView Status, SeverityView Severity, bool Serious, string Classification, string Tlp,
    string? Resolution, bool PersonalData, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ClosedAt,
    int ReportCount, AffectedSystem? AffectedSystem, string Regime, IReadOnlyList<LegalDeadline> Deadlines, Assessment Triage,
    IReadOnlyList<ReportLinkView> Reports, int TimelineLength, string? TimelineHead,
    DateTimeOffset? ClosingRecordedAt = null, bool AwaitingClosingReport = false, bool Drill = false,
    bool NationalSecurityOrPublicOrder = false, bool SeriousUndetermined = false);
