using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Keeps each incident's newest state and routes it, for a batch of states in one transaction: each unit a matching rule
/// names and not yet engaged is engaged, and its duty point gets a notification. Units already engaged get an update
/// notice when the state makes the incident serious, raises its severity or TLP, or changes its class (<see cref="EngagedUpdates"/>). A state
/// older than the one held changes nothing (states may arrive in any order, and the states of a batch are applied in the
/// order they came, as one by one), a closed incident engages nobody and its notifications not yet being sent are
/// cancelled. Every state, new or repeated, is answered with the version held, so triage stops sending it again.
/// <para>
/// Idempotent by natural keys, with no inbox: a state applied before is not newer than the copy, so it changes nothing;
/// an engagement is unique per (incident, unit) and a notification per idempotency key. The batch reads the copies and
/// engagements of its incidents in one query each, the update keys in one more, and takes units from memory
/// (<see cref="UnitDirectory"/>); it publishes one <see cref="UnitsEngaged"/> carrying its answers to the states (<see cref="UnitsEngaged.AppliedStates"/>),
/// or, when it engaged nobody, one <see cref="IncidentStatesApplied"/>.
/// </para>
/// </summary>
public sealed partial class IncidentRouting(
    NotificationsDbContext db, NotificationRules rules, UnitDirectory directory, NotificationRequests requests, DispatchSignal signal, TimeProvider time,
    ILogger<IncidentRouting> logger)
{
    public const string Service = "notifications";

    /// <summary>
    /// Applies <paramref name="states"/> (each with its message id) and saves; returns the notifications it added to be sent,
    /// inserted already claimed for this Host's dispatcher (for <see cref="DispatchSignal.HandOver"/> once committed).
    /// Engagements are read for the incidents this service holds a copy of: an incident it has never heard of has none,
    /// except one engaged before copies were kept, which the unique (incident, unit) key refuses; the retry after that
    /// conflict reads them all (<paramref name="readAllEngagements"/>).
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ApplyAsync(
        IReadOnlyList<(Guid MessageId, IncidentTriaged State)> states, bool readAllEngagements, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(states);
        var now = time.GetUtcNow();
        var ids = states.Select(s => s.State.IncidentId).Distinct().ToList();
        var copies = await db.Incidents.Where(i => ids.Contains(i.IncidentId)).ToDictionaryAsync(i => i.IncidentId, cancellationToken);
        var known = readAllEngagements ? ids : copies.Keys.ToList();
        // Duty rows are written with the copy, so only incidents with a copy have any (a new incident costs no read).
        var copied = copies.Keys.ToList();
        var duties = copied.Count == 0 ? [] : (await db.IncidentDuties.Where(d => copied.Contains(d.IncidentId)).ToListAsync(cancellationToken))
            .GroupBy(d => d.IncidentId).ToDictionary(g => g.Key, g => g.ToList());
        var engagements = known.Count == 0 ? [] : (await db.Engagements.Where(e => known.Contains(e.IncidentId)).ToListAsync(cancellationToken))
            .GroupBy(e => e.IncidentId).ToDictionary(g => g.Key, g => g.ToList());
        var units = await directory.UnitsAsync(db, cancellationToken);
        var batch = new Batch(now, rules.RoutingAt(now), rules.DirectoryAt(now).Content, units);
        var closed = new HashSet<Guid>();
        foreach (var (messageId, given) in states)
        {
            copies.TryGetValue(given.IncidentId, out var held);
            var before = EngagedUpdates.Before.Of(held);
            var (copy, applied, previousStatus) = IncidentCopies.Apply(db, held, given, now);
            copies[given.IncidentId] = copy;

            // Only the state that opened the incident says how its first report came; later notices take it from the copy.
            var state = given.ReportedVia is null && copy.ReportedVia is { } via ? given with { ReportedVia = via } : given;
            if (applied)
            {
                if (!duties.TryGetValue(state.IncidentId, out var heldDuties))
                {
                    duties[state.IncidentId] = heldDuties = [];
                }

                IncidentDuty.Sync(db.IncidentDuties, heldDuties, state.IncidentId, state.Deadlines ?? []);
            }

            if (!engagements.TryGetValue(state.IncidentId, out var engaged))
            {
                engagements[state.IncidentId] = engaged = [];
            }

            if (applied && copy.Status != IncidentCopies.Closed)
            {
                // Units already engaged are told what rose first; units the new state routes to are engaged as always.
                batch.Updates.AddRange(EngagedUpdates.For(requests, before, state, engaged, units, messageId, now));
                Route(state, batch, engaged);
            }
            else if (applied && previousStatus != IncidentCopies.Closed)
            {
                closed.Add(state.IncidentId);
                CancelAdded(batch, state.IncidentId, now);
            }
        }

        var added = await AddNoticesAsync(batch, cancellationToken);
        if (closed.Count > 0)
        {
            await CancelPendingAsync(closed, now, cancellationToken);
        }

        // The answers ride with the engagements when there are any: one message for the commit, not two.
        var answers = states.Select(s => s.State.IncidentId).Distinct().Select(id => new IncidentStateApplied(id, copies[id].StateVersion, Service, now)).ToList();
        if (batch.Engaged.Count > 0)
        {
            db.PublishAfterCommit(new UnitsEngaged(batch.Engaged, answers), now);
        }
        else
        {
            db.PublishAfterCommit(new IncidentStatesApplied(answers), now);
        }
        // What this batch asks to send is inserted already claimed for this Host's dispatcher and handed to it once
        // committed: no claim statement and no second write of each row before the send.
        added.ForEach(n => signal.Claim(n, now));
        await db.SaveChangesCopyingAsync(AppendedRows, cancellationToken);
        return added;
    }

    /// <summary>What a batch adds (on PostgreSQL by <c>COPY</c> when there are enough rows, see <see cref="AddedRowsCopy"/>).</summary>
    private static readonly Type[] AppendedRows = [typeof(IncidentCopy), typeof(IncidentDuty), typeof(Engagement), typeof(Notification)];

    private void Route(IncidentTriaged state, Batch batch, List<Engagement> engaged)
    {
        var routed = Router.Route(batch.Routing.Content, RoutingFacts.From(state), batch.Matcher);
        foreach (var (code, rule, legalChain) in routed.Where(r => !engaged.Any(e => e.UnitCode == r.UnitCode)))
        {
            if (!batch.Units.TryGetValue(code, out var unit) || !unit.Active)
            {
                LogUnknownUnit(logger, rule.Id, code);
                continue;
            }

            var engagement = new Engagement
            {
                Id = RowIds.Next(),
                IncidentId = state.IncidentId,
                IncidentNumber = state.Number,
                UnitCode = code,
                RuleId = rule.Id,
                RoutingVersion = batch.Routing.Version,
                SeverityLevel = state.SeverityLevel,
                Serious = state.Serious,
                EngagedAt = batch.Now,
                AnnouncedAt = batch.Now,
            };
            db.Engagements.Add(engagement);
            engaged.Add(engagement);
            // The legal initial report goes along the reporting chain; other units engaged on a serious incident get their
            // engagement notice, which every channel marks serious.
            var kind = state.Serious && legalChain ? NoticeKind.InitialReport : NoticeKind.Engaged;
            // A new engagement's key is new: nothing to check.
            batch.First.Add(requests.Create(NotificationRecipient.Duty(unit), IncidentFacts.From(state), kind, engagement.Id, $"engagement:{engagement.Id:N}:duty",
                NotificationOrigins.Engagement, $"Đơn vị được phân công theo quy tắc \"{rule.NameVi}\"", $"Unit engaged by the rule \"{rule.NameEn}\"", batch.Now));
            batch.Engaged.Add(new UnitEngaged(engagement.Id, state.IncidentId, state.Number, code, unit.NameVi, unit.NameEn, rule.Id,
                batch.Routing.Version, state.SeverityLevel, state.Serious, 1, batch.Now));
        }
    }

    /// <summary>Adds the first notices, and the update notices whose keys are free (one query for all of them); returns those to be sent.</summary>
    private async Task<List<Notification>> AddNoticesAsync(Batch batch, CancellationToken cancellationToken)
    {
        var taken = await NotificationRequests.TakenKeysAsync(db, batch.Updates.Select(n => n.IdempotencyKey).Distinct().ToList(), cancellationToken);
        var updates = batch.Updates.Where(n => taken.Add(n.IdempotencyKey)).ToList();
        db.Notifications.AddRange(batch.First);
        db.Notifications.AddRange(updates);
        return batch.First.Concat(updates).Where(n => n.Status == NotificationStatus.Pending).ToList();
    }

    /// <summary>The incident closed in this batch: what the batch asked to send about it before is not sent either.</summary>
    private static void CancelAdded(Batch batch, Guid incidentId, DateTimeOffset now)
    {
        foreach (var notification in batch.First.Concat(batch.Updates).Where(n => n.IncidentId == incidentId && n.Status == NotificationStatus.Pending))
        {
            Cancel(notification, now);
        }
    }

    /// <summary>
    /// The incidents closed: a page, update or hand-over not being sent yet is not sent (a page about a closed incident helps
    /// nobody); a deadline's alert still is (the legal clocks run on after a close), and so are documents and receipts.
    /// </summary>
    private async Task CancelPendingAsync(IReadOnlyCollection<Guid> incidents, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Which origins stop is StopsAtClose's one rule (the send-time check uses it too); an incident has few pending notices.
        var pending = await db.Notifications
            .Where(n => incidents.Contains(n.IncidentId) && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ToListAsync(cancellationToken);
        foreach (var notification in pending.Where(n => NotificationOrigins.StopsAtClose(n.Origin)))
        {
            Cancel(notification, now);
            notification.Version++;
        }
    }

    private static void Cancel(Notification notification, DateTimeOffset now)
    {
        notification.Status = NotificationStatus.Cancelled;
        notification.LastError = IncidentCopies.ClosedCancellation;
        notification.CompletedAt = now;
    }

    private sealed record Batch(
        DateTimeOffset Now, NotificationRuleFile<RoutingFile> Routing, DirectoryFile Directory, IReadOnlyDictionary<string, Unit> Units)
    {
        /// <summary>The directory's names keyed once for every incident the batch routes.</summary>
        public UnitMatcher Matcher { get; } = new(Directory);

        public List<Notification> First { get; } = [];

        public List<Notification> Updates { get; } = [];

        public List<UnitEngaged> Engaged { get; } = [];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Routing rule {Rule} names unit {Unit}, which is not an active unit of the directory; it was not engaged")]
    private static partial void LogUnknownUnit(ILogger logger, string rule, string unit);
}
