using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Tells units already engaged that the incident changed for the worse: it became serious, its severity rose or its
/// TLP became stricter (<see cref="NoticeChange"/>). One update notice per engagement and state version, added in the
/// transaction that applies the state, so a repeated or re-sent state (not newer than the copy) adds none. Not for a
/// decrease, not for a closed incident; declined and resolved engagements are not told. A drill's update goes to
/// exercise contacts only, like all its notices (<see cref="NotificationRequests"/>).
/// </summary>
public static class EngagedUpdates
{
    /// <summary>What the copy held before a state is applied; null when there was no copy (nobody is engaged yet).</summary>
    public sealed record Before(bool Serious, int SeverityLevel, string Tlp)
    {
        public static Before? Of(IncidentCopy? copy) => copy is null ? null : new(copy.Serious, copy.SeverityLevel, copy.Tlp);
    }

    /// <summary>Adds the update notices for <paramref name="state"/> just applied over <paramref name="before"/>; returns how many.</summary>
    public static async Task<int> AddAsync(
        NotificationsDbContext db, NotificationRequests requests, Before? before, IncidentTriaged state, Guid messageId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(state);
        if (before is null || state.Status == IncidentStatuses.Closed)
        {
            return 0;
        }

        var change = NoticeChange.Between(before.Serious, before.SeverityLevel, before.Tlp, state.Serious, state.SeverityLevel, state.Tlp);
        if (change.IsEmpty)
        {
            return 0;
        }

        // Engagements saved before this state: the ones routing adds in this transaction get their first notice instead.
        var engaged = await db.Engagements
            .Where(e => e.IncidentId == state.IncidentId && e.State != EngagementStates.Declined && e.State != EngagementStates.Resolved)
            .ToListAsync(cancellationToken);
        var codes = engaged.Select(e => e.UnitCode).Distinct().ToList();
        var units = await db.Units.Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, cancellationToken);
        var facts = IncidentFacts.From(state);
        var (reasonVi, reasonEn) = Reason(change);
        var once = state.StateVersion > 0 ? $"v{state.StateVersion}" : $"m{messageId:N}";
        var added = 0;
        foreach (var engagement in engaged.Where(e => units.ContainsKey(e.UnitCode)))
        {
            var notification = await requests.AddAsync(db, NotificationRecipient.Duty(units[engagement.UnitCode]), facts, NoticeKind.Update, engagement.Id,
                $"engagement:{engagement.Id:N}:update:{once}", NotificationOrigins.Update, reasonVi, reasonEn, now, cancellationToken, change);
            added += notification is null ? 0 : 1;
        }

        return added;
    }

    private static (string Vi, string En) Reason(NoticeChange change) => (
        "Đơn vị đang tham gia xử lý sự cố; sự cố có thay đổi: " + string.Join("; ", change.Sentences(english: false)),
        "Your unit is engaged on the incident, which has changed: " + string.Join("; ", change.Sentences(english: true)));
}
