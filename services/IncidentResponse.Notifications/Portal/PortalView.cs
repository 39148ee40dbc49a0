using IncidentResponse.Contracts.Api.Notifications;
using System.Text.Json;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Portal;

/// <summary>
/// Reads incidents for the partner portal. The notifications service keeps no incident copy: what a
/// unit sees is the latest notice sent about the incident, cut by the TLP disclosure policy in force
/// (<see cref="DisclosureFile.PortalLevelFor"/>), exactly as a channel cuts it. With a unit, only
/// incidents engaging that unit exist; without one (the committee) every engaged incident, in full.
/// </summary>
public sealed class PortalView(NotificationsDbContext db, NotificationRules rules, TimeProvider time)
{
    public async Task<PageOf<PortalIncident>> ListAsync(string? unit, bool openOnly, int page, int pageSize, CancellationToken cancellationToken)
    {
        var engagements = db.Engagements.AsNoTracking().Where(e => unit == null || e.UnitCode == unit);
        if (openOnly)
        {
            engagements = engagements.Where(e => e.State != EngagementStates.Resolved && e.State != EngagementStates.Declined);
        }

        var incidents = engagements.GroupBy(e => e.IncidentId).Select(g => new { IncidentId = g.Key, Latest = g.Max(e => e.EngagedAt) });
        var total = await incidents.CountAsync(cancellationToken);
        var ids = await incidents.OrderByDescending(i => i.Latest).ThenBy(i => i.IncidentId).Skip(Paging.Skip(page, pageSize)).Take(pageSize)
            .Select(i => i.IncidentId).ToListAsync(cancellationToken);
        var items = new List<PortalIncident>(ids.Count);
        foreach (var id in ids)
        {
            if (await GetAsync(id, unit, cancellationToken) is { } incident)
            {
                items.Add(incident);
            }
        }

        return new PageOf<PortalIncident>(items, page, pageSize, total);
    }

    /// <summary>The incident as <paramref name="unit"/> may see it; null when no engagement of the unit exists (the caller answers 404).</summary>
    public async Task<PortalIncident?> GetAsync(Guid incidentId, string? unit, CancellationToken cancellationToken)
    {
        var engagements = await db.Engagements.AsNoTracking()
            .Where(e => e.IncidentId == incidentId && (unit == null || e.UnitCode == unit))
            .OrderBy(e => e.EngagedAt).ToListAsync(cancellationToken);
        if (engagements.Count == 0)
        {
            return null;
        }

        var notices = db.Notifications.AsNoTracking().Where(n => n.IncidentId == incidentId);
        var ownIds = engagements.Select(e => (Guid?)e.Id).ToList();
        var json = await notices.Where(n => ownIds.Contains(n.EngagementId)).OrderByDescending(n => n.CreatedAt).Select(n => n.Notice).FirstOrDefaultAsync(cancellationToken)
            ?? await notices.OrderByDescending(n => n.CreatedAt).Select(n => n.Notice).FirstOrDefaultAsync(cancellationToken);
        var details = engagements.Select(EngagementEndpoints.Detail).ToList();
        var first = engagements[0];
        if (json is null)
        {
            // Nothing was told yet: only the number and severity are known, withheld as under TLP:RED.
            return new PortalIncident(incidentId, first.IncidentNumber, Name(DisclosureLevel.Minimal), Contracts.Vocabulary.Tlp.Red, null, "other:undetermined",
                first.SeverityLevel, first.Serious, false, null, null, [], first.EngagedAt, details);
        }

        var notice = JsonSerializer.Deserialize<Notice>(json, DirectoryJson.Options)!;
        var level = unit is null ? DisclosureLevel.Full : rules.DisclosureAt(time.GetUtcNow()).PortalLevelFor(TlpText.Label(notice.Tlp), unit);
        var shown = Redaction.At(notice, level);
        return new PortalIncident(incidentId, shown.IncidentNumber, Name(level), TlpText.Label(shown.Tlp), shown.Title, shown.Classification,
            shown.SeverityLevel, shown.Serious, shown.PersonalData, shown.AffectedSystem, shown.OwnerAgency, shown.Deadlines, shown.CreatedAt, details, shown.Status);
    }

#pragma warning disable CA1308 // the API's words are lower-case
    private static string Name(DisclosureLevel level) => level.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
