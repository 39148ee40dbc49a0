using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Tells units already engaged that the incident changed for the worse, or was reclassified: it became serious, its
/// severity rose, its TLP became stricter, or a person corrected its class (and so its playbook; <see cref="NoticeChange"/>). One update notice per engagement and state version, added in the
/// transaction that applies the state, so a repeated or re-sent state (not newer than the copy) adds none. Not for a
/// decrease, not for a closed incident; declined and resolved engagements are not told. A drill's update goes to
/// exercise contacts only, like all its notices (<see cref="NotificationRequests"/>).
/// </summary>
public static class EngagedUpdates
{
    /// <summary>What the copy held before a state is applied; null when there was no copy (nobody is engaged yet).</summary>
    public sealed record Before(bool Serious, int SeverityLevel, string Tlp, string? Classification = null)
    {
        public static Before? Of(IncidentCopy? copy) => copy is null ? null : new(copy.Serious, copy.SeverityLevel, copy.Tlp, copy.Classification);
    }

    /// <summary>
    /// The update notices for <paramref name="state"/> just applied over <paramref name="before"/>, to the
    /// <paramref name="engaged"/> units (the incident's engagements made before this state: the ones routing adds
    /// for it get their first notice instead). Not added to any context: the caller checks their keys, one query a batch.
    /// </summary>
    public static IReadOnlyList<Notification> For(
        NotificationRequests requests, Before? before, IncidentTriaged state, IEnumerable<Engagement> engaged, IReadOnlyDictionary<string, Unit> units,
        Guid messageId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(engaged);
        ArgumentNullException.ThrowIfNull(units);
        if (before is null || state.Status == IncidentStatuses.Closed)
        {
            return [];
        }

        var change = NoticeChange.Between(before.Serious, before.SeverityLevel, before.Tlp, state.Serious, state.SeverityLevel, state.Tlp,
            before.Classification, state.Classification);
        if (change.IsEmpty)
        {
            return [];
        }

        var facts = IncidentFacts.From(state);
        var (reasonVi, reasonEn) = Reason(change);
        var once = state.StateVersion > 0 ? $"v{state.StateVersion}" : $"m{messageId:N}";
        return engaged
            .Where(e => e.State != EngagementStates.Declined && e.State != EngagementStates.Resolved && units.ContainsKey(e.UnitCode))
            .Select(e => requests.Create(NotificationRecipient.Duty(units[e.UnitCode]), facts, NoticeKind.Update, e.Id,
                $"engagement:{e.Id:N}:update:{once}", NotificationOrigins.Update, reasonVi, reasonEn, now, change))
            .ToList();
    }

    private static (string Vi, string En) Reason(NoticeChange change) => (
        "Đơn vị đang tham gia xử lý sự cố; sự cố có thay đổi: " + string.Join("; ", change.Sentences(english: false)),
        "Your unit is engaged on the incident, which has changed: " + string.Join("; ", change.Sentences(english: true)));
}
