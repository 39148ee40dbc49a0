using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>Reads what a form about one incident is filled from (see <see cref="IncidentFacts"/>).</summary>
public static class DocumentFacts
{
    public static async Task<IncidentFacts> LoadAsync(TriageDbContext db, Incident incident, TriageOptions options, DateTimeOffset issuedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(options);
        var reports = await db.IncidentReports.AsNoTracking().Where(r => r.IncidentId == incident.Id).ToListAsync(cancellationToken);
        var report = reports.Select(r => (Link: r, Report: IncidentJson.Read<IncidentReport>(r.Report)))
            .OrderByDescending(r => r.Report.IsLegalInitialReport).ThenBy(r => r.Link.ReceivedAt)
            .Select(r => r.Report).FirstOrDefault();
        var types = VietnameseIncidentTypes.In(options.RulesDirectory);
        return new IncidentFacts(incident, report, types.Of(incident.Classification, incident.Title).Name.Vi, Zone(options), issuedAt)
        {
            IssuedInitialReport = await LatestAsync(db, incident.Id, DocumentForms.Mau03, cancellationToken),
            IssuedProgressReport = await LatestAsync(db, incident.Id, DocumentForms.ProgressReport, cancellationToken),
            Units = await UnitProgress.LoadAsync(db, incident.Id, cancellationToken),
            Evidence = await Evidence.EvidenceRegister.ViewsAsync(db, incident.Id, cancellationToken),
        };
    }

    private static async Task<IssuedVersion?> LatestAsync(TriageDbContext db, Guid incidentId, string form, CancellationToken cancellationToken)
    {
        var latest = await db.IssuedDocuments.AsNoTracking().Where(d => d.IncidentId == incidentId && d.Form == form)
            .OrderByDescending(d => d.Version).Select(d => new { d.Version, d.IssuedAt }).FirstOrDefaultAsync(cancellationToken);
        return latest is null ? null : new IssuedVersion(latest.Version, latest.IssuedAt);
    }

    public static TimeZoneInfo Zone(TriageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Zone();
    }
}
