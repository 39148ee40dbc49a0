using System.Text.Json;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Portal;

/// <summary>
/// Reads incidents for the partner portal: the incident as this service's copy says it is now (its TLP, severity,
/// status …), told in the words of the latest notice sent about it, cut by the TLP disclosure policy in force
/// (<see cref="DisclosureFile.PortalLevelFor"/>), exactly as a channel cuts it. A unit that declined or resolved gets no
/// more notices, and still sees the incident as it is. With a unit, only incidents engaging that unit exist; without
/// one (the committee) every engaged incident, in full. The incidents of a page are read in four queries, whatever its size
/// (after the page's count and ids).
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
        return new PageOf<PortalIncident>(await ViewsAsync(ids, unit, cancellationToken), page, pageSize, total);
    }

    /// <summary>The incident as <paramref name="unit"/> may see it; null when no engagement of the unit exists (the caller answers 404).</summary>
    public async Task<PortalIncident?> GetAsync(Guid incidentId, string? unit, CancellationToken cancellationToken) =>
        (await ViewsAsync([incidentId], unit, cancellationToken)).SingleOrDefault();

    /// <summary>The incidents of <paramref name="ids"/> that engage <paramref name="unit"/> (any unit when null), in that order.</summary>
    private async Task<List<PortalIncident>> ViewsAsync(List<Guid> ids, string? unit, CancellationToken cancellationToken)
    {
        var engagements = (await db.Engagements.AsNoTracking().Where(e => ids.Contains(e.IncidentId) && (unit == null || e.UnitCode == unit))
            .ToListAsync(cancellationToken)).ToLookup(e => e.IncidentId);
        var copies = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.IncidentId)).ToDictionaryAsync(i => i.IncidentId, cancellationToken);

        // The latest notice of the unit's own engagements, else the latest about the incident: chosen on the light columns,
        // then only the chosen notices read.
        // Not a receipt or a document: they go outside the directory and carry no facts of the incident of their own.
        var sent = (await db.Notifications.AsNoTracking()
            .Where(n => ids.Contains(n.IncidentId) && n.Origin != NotificationOrigins.Receipt && n.Origin != NotificationOrigins.Document)
            .Select(n => new { n.Id, n.IncidentId, n.EngagementId, n.CreatedAt }).ToListAsync(cancellationToken)).ToLookup(n => n.IncidentId);
        var chosen = new Dictionary<Guid, Guid>();
        foreach (var id in ids)
        {
            var own = engagements[id].Select(e => (Guid?)e.Id).ToHashSet();
            var latest = sent[id].Where(n => own.Contains(n.EngagementId)).MaxBy(n => n.CreatedAt) ?? sent[id].MaxBy(n => n.CreatedAt);
            if (latest is not null)
            {
                chosen[id] = latest.Id;
            }
        }

        var noticeIds = chosen.Values.ToList();
        var notices = await db.Notifications.AsNoTracking().Where(n => noticeIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, n => n.Notice, cancellationToken);
        var views = new List<PortalIncident>(ids.Count);
        foreach (var id in ids)
        {
            var own = engagements[id].OrderBy(e => e.EngagedAt).ToList();
            if (own.Count > 0)
            {
                var json = chosen.TryGetValue(id, out var noticeId) ? notices.GetValueOrDefault(noticeId) : null;
                views.Add(View(id, own, json, copies.GetValueOrDefault(id), unit));
            }
        }

        return views;
    }

    private PortalIncident View(Guid incidentId, List<Engagement> engagements, string? json, IncidentCopy? copy, string? unit)
    {
        var first = engagements[0];
        if (json is null)
        {
            // Nothing was told yet: only the number and severity are known, withheld as under TLP:RED.
            return new PortalIncident(incidentId, first.IncidentNumber, Name(DisclosureLevel.Minimal), Contracts.Vocabulary.Tlp.Red, null, "other:undetermined",
                first.SeverityLevel, first.Serious, false, null, null, [], first.EngagedAt, Details(engagements, unit is null ? DisclosureLevel.Full : DisclosureLevel.Minimal));
        }

        var notice = NotificationDelivery.AsNow(JsonSerializer.Deserialize<Notice>(json, DirectoryJson.Options)!, copy is null ? null : IncidentFacts.From(copy));
        var level = unit is null ? DisclosureLevel.Full : rules.DisclosureAt(time.GetUtcNow()).PortalLevelFor(TlpText.Label(notice.Tlp), unit);
        var shown = Redaction.At(notice, level);
        return new PortalIncident(incidentId, shown.IncidentNumber, Name(level), TlpText.Label(shown.Tlp), shown.Title, shown.Classification,
            shown.SeverityLevel, shown.Serious, shown.PersonalData, shown.AffectedSystem, shown.OwnerAgency, shown.Deadlines, shown.CreatedAt,
            Details(engagements, level), shown.Status, shown.Serious ? false : shown.SeriousUndetermined);
    }

    /// <summary>The engagements; a person's words on why a unit was engaged by hand say what TLP may hold back, so below full disclosure only that there were some is kept.</summary>
    private static List<EngagementDetail> Details(List<Engagement> engagements, DisclosureLevel level) =>
        [.. engagements.Select(EngagementEndpoints.Detail).Select(d => level == DisclosureLevel.Full ? d : d with { EngagedReason = Redaction.Withhold(d.EngagedReason) })];

#pragma warning disable CA1308 // the API's words are lower-case
    private static string Name(DisclosureLevel level) => level.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
