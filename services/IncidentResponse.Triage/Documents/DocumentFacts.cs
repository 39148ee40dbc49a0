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
        var initial = await db.IssuedDocuments.AsNoTracking().Where(d => d.IncidentId == incident.Id && d.Form == DocumentForms.Mau03)
            .OrderByDescending(d => d.Version).Select(d => new { d.Version, d.IssuedAt }).FirstOrDefaultAsync(cancellationToken);
        return new IncidentFacts(incident, report, types.Of(incident.Classification, incident.Title).Name.Vi, Zone(options), issuedAt)
        {
            IssuedInitialReport = initial is null ? null : new IssuedVersion(initial.Version, initial.IssuedAt),
        };
    }

    public static TimeZoneInfo Zone(TriageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Zone();
    }
}
