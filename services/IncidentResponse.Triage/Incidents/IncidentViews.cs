using System.Text.Json;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Timeline;

namespace IncidentResponse.Triage.Incidents;

/// <summary>What the incidents API answers, in the view types of <see cref="IncidentResponse.Contracts.Api.Incidents"/> that the console reads too.</summary>
public static class IncidentViews
{
    public static StatusView Status(string status) =>
        new(status, Lifecycle.Names[status].Vi, Lifecycle.Names[status].En);

    public static SeverityView Severity(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var level = SeverityLevels.Of(incident.SeverityLevel);
        return new SeverityView(level.Value, level.NameVi, level.NameEn, level.Colour, incident.Score, incident.SeverityOverridden);
    }

    public static IncidentSummary Summary(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var next = incident.Deadlines.Where(d => d.DueAt >= now && Duties.IsOpen(d)).OrderBy(d => d.DueAt).FirstOrDefault();
        return new IncidentSummary(incident.Id, incident.Number, incident.Title, Status(incident.Status), Severity(incident), incident.Serious,
            incident.Classification, incident.Tlp, incident.ReportCount, incident.DetectedAt, incident.OpenedAt, incident.LastSeenAt,
            next is null ? null : ReportTriage.ToContract(next), incident.Drill, SeriousUndetermined(incident));
    }

    /// <summary>The serious test lacks a fact and no person has decided (the severity form decides, serious or not).</summary>
    public static bool SeriousUndetermined(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return Undecided(incident) && incident.Assessment is { Length: > 2 } stored && Lacks(IncidentJson.Read<Assessment>(stored));
    }

    // Nobody decided: not serious (by the test or a person) and the level is triage's own.
    private static bool Undecided(Incident incident) => !incident.Serious && !incident.SeverityOverridden;

    private static bool Lacks(Assessment assessment) => assessment.SeriousTest is { } test && test.Undetermined.Count > 0;

    public static IncidentDetail Detail(Incident incident, IReadOnlyList<ReportLinkView> reports, Policy.LegalRegimes regimes)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var assessment = IncidentJson.Read<Assessment>(incident.Assessment);
        return new IncidentDetail(incident.Id, incident.Number, incident.Title, Status(incident.Status), Severity(incident), incident.Serious,
            incident.Classification, incident.Tlp, incident.Resolution, incident.PersonalData, incident.DetectedAt, incident.OpenedAt,
            incident.LastSeenAt, incident.ClosedAt, incident.ReportCount,
            incident.AffectedSystem is null ? null : IncidentJson.Read<AffectedSystem>(incident.AffectedSystem),
            incident.Regime,
            incident.Deadlines.OrderBy(d => d.DueAt).Select(ReportTriage.ToContract).ToList(),
            assessment,
            reports,
            incident.TimelineLength, incident.TimelineHead, Duties.ClosingRecordedAt(incident, regimes), Duties.AwaitingClosingReport(incident, regimes),
            incident.Drill, incident.NationalSecurityOrPublicOrder, Undecided(incident) && Lacks(assessment));
    }

    public static TimelineEntryView Entry(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new TimelineEntryView(entry.Sequence, entry.OccurredAt, entry.Kind, entry.ActorId, entry.ActorName, entry.Channel,
            entry.SummaryVi, entry.SummaryEn, entry.Data is null ? null : JsonSerializer.Deserialize<JsonElement>(entry.Data), entry.PreviousHash, entry.Hash);
    }
}
