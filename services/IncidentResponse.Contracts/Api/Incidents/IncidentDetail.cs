using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>One incident (<c>GET /api/v1/incidents/{id}</c>): its facts, deadlines, the triage explanation, its reports and the timeline's head; <c>Drill</c>: an exercise (diễn tập).</summary>
public sealed record IncidentDetail(
    Guid Id, string Number, string Title, StatusView Status, SeverityView Severity, bool Serious, string Classification, string Tlp,
    string? Resolution, bool PersonalData, DateTimeOffset DetectedAt, DateTimeOffset OpenedAt, DateTimeOffset LastSeenAt, DateTimeOffset? ClosedAt,
    int ReportCount, AffectedSystem? AffectedSystem, string Regime, IReadOnlyList<LegalDeadline> Deadlines, Assessment Triage,
    IReadOnlyList<ReportLinkView> Reports, int TimelineLength, string? TimelineHead, bool Drill = false);
