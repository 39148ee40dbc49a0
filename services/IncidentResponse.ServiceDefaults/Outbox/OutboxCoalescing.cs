using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// The answers a relay may hold for <see cref="OutboxOptions.CoalesceDelay"/> and publish as one message: batch records
/// whose consumers are idempotent by natural keys (receipts keep the highest version, reports and chains are updated
/// only when not recorded yet, timeline entries are unique by source), so that the merged message, published under a new
/// id, and the rows published again one by one after a crash change the same things once. Nothing on the way to the
/// first notice waits for them.
/// </summary>
internal static class OutboxCoalescing
{
    private static readonly Dictionary<Type, Func<IReadOnlyList<object>, object>> Mergers = new()
    {
        [typeof(ReportsTriaged)] = m => new ReportsTriaged(m.Cast<ReportsTriaged>().SelectMany(x => x.Reports).ToList()),
        [typeof(IncidentStatesApplied)] = m => new IncidentStatesApplied(m.Cast<IncidentStatesApplied>().SelectMany(x => x.States).ToList()),
        [typeof(EscalationChainsStarted)] = m => new EscalationChainsStarted(m.Cast<EscalationChainsStarted>().SelectMany(x => x.Chains).ToList()),
        [typeof(NotificationsDelivered)] = m => new NotificationsDelivered(m.Cast<NotificationsDelivered>().SelectMany(x => x.Deliveries).ToList()),
    };

    public static bool CanCoalesce(Type type) => Mergers.ContainsKey(type);

    /// <summary>One message holding every element of <paramref name="messages"/>, all of <paramref name="type"/>, in order.</summary>
    public static object Merge(Type type, IReadOnlyList<object> messages) => messages.Count == 1 ? messages[0] : Mergers[type](messages);
}
