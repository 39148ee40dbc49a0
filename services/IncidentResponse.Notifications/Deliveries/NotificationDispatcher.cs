using System.Collections.Concurrent;
using System.Threading.Channels;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Sends pending notifications. Each is claimed with a short lease in the database, renewed while this
/// Host works on it, so several Hosts share the work and a notification whose Host died is taken over
/// within one lease. A batch is claimed in one statement and its completions recorded together
/// (<see cref="DeliveryRecorder"/>); a crash between a recipient's acceptance and that record sends it again after
/// the lease, with the same Message-ID (e-mail) or Idempotency-Key (webhook). What this Host's routing committed is handed
/// over already claimed (<see cref="DispatchSignal.HandOver"/>) and sent without a claim statement (claimed again first
/// if it waited past half its lease, <see cref="StillClaimedAsync"/>); the database is
/// claimed from when this process committed unclaimed work (<see cref="DispatchSignal.Notify"/>) and at least every
/// <c>DispatchPollInterval</c> (retries, other Hosts' work, leases that ran out). On the embedded default (one process owns the database) a restarting Host takes
/// back at once what its previous life had claimed.
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, DispatchSignal signal, DeliveryRecorder recorder, DatabaseStatus database, HostIdentity identity,
    IOptions<NotificationsOptions> options, TimeProvider time, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    /// <summary>How long the record of a dispatch batch waits for its slowest sends before it commits what finished.</summary>
    public static readonly TimeSpan CompletionLinger = TimeSpan.FromMilliseconds(200);

    private readonly string _instance = signal.Owner;
    private DateTimeOffset _claimedAt = DateTimeOffset.MinValue;
    private int _working;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            await database.WaitUntilReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await ReleaseClaimsOfEarlierLivesAsync(stoppingToken);

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewer = RenewWhileWorkingAsync(settings, renewing.Token);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
                await signal.WaitAsync(settings.DispatchPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, Failures.Describe(ex));
                await Task.Delay(settings.DispatchPollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await renewing.CancelAsync();
        await renewer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Every third of a lease, extends the claims this Host still holds on notifications it is sending.</summary>
    private async Task RenewWhileWorkingAsync(NotificationsOptions settings, CancellationToken cancellationToken)
    {
        var every = settings.DispatchLease / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(every, time, cancellationToken);
            if (Volatile.Read(ref _working) == 0)
            {
                continue; // nothing claimed: no statement
            }

            try
            {
                await RenewClaimsAsync(settings.DispatchLease, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogDispatchFailed(logger, Failures.Describe(ex));
            }
        }
    }

    /// <summary>
    /// Extends the lease on every pending notification this Host holds; returns how many. On PostgreSQL a row another
    /// transaction has locked (its completion being written, a re-claim) is skipped, not waited for: a renewal that waited
    /// could hold one row a completion's <c>UPDATE … FROM unnest</c> wanted while waiting for one it held (each locks in
    /// the order its plan meets the rows), and the two deadlocked (a second's stall and a failed round, seen under load).
    /// A row being completed needs no longer lease, one being re-claimed gets its own, and any other is renewed a third of
    /// a lease later (a row skipped twice in a row, while a completion is retried for 20 s, could see its lease run out).
    /// </summary>
    internal async Task<int> RenewClaimsAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var until = time.GetUtcNow() + lease;
        if (db.Database.IsSqlite())
        {
            return await db.Notifications
                .Where(n => n.ClaimedBy == _instance && n.Status == NotificationStatus.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, until), cancellationToken);
        }

        var table = $"\"{db.Schema}\".notifications";
        var sql = $$"""
            UPDATE {{table}} SET claimed_until = {0}
            WHERE id IN (SELECT id FROM {{table}} WHERE claimed_by = {1} AND status = {2} ORDER BY id FOR UPDATE SKIP LOCKED)
            """;
        return await db.Database.ExecuteSqlRawAsync(sql, [until.ToUniversalTime(), _instance, NotificationStatus.Pending], cancellationToken);
    }

    /// <summary>
    /// Claims left by a previous life of this Host: nobody else can be working on them, so they are taken back at
    /// once instead of after the lease. On SQLite (one process owns the database) every claim is such a claim.
    /// </summary>
    public async Task<int> ReleaseClaimsOfEarlierLivesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var claimed = db.Notifications.Where(n => n.Status == NotificationStatus.Pending && n.ClaimedBy != null && n.ClaimedBy != _instance);
        if (!db.Database.IsSqlite())
        {
            claimed = claimed.Where(n => n.ClaimedBy!.StartsWith(identity.ClaimPrefix));
        }

        var released = await claimed
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        if (released > 0)
        {
            LogReleased(logger, released);
        }

        return released;
    }

    /// <summary>
    /// Claims what is due and sends it, up to <c>DispatchConcurrency</c> at once, claiming again whenever a window's worth
    /// has finished, until nothing is due and nothing is pending; returns how many notifications it sent. The completions
    /// are recorded by one writer as they come, several to a commit.
    /// </summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var window = new DispatchWindow(settings.DispatchConcurrency);
        var finished = Channel.CreateUnbounded<Completion>();
        var inFlight = new ConcurrentDictionary<Guid, byte>(); // started by this pass, their completions not yet recorded
        var recording = RecordAsync(finished.Reader, window, inFlight);
        var sent = 0;
        Interlocked.Increment(ref _working);
        signal.Clear(); // what was committed before the first claim is found by it
        try
        {
            while (!window.Faulted)
            {
                var room = window.Room;
                var claimed = new List<Notification>();
                var handedOver = signal.TakeHandedOver(room);
                var full = handedOver.Count == room; // before what is skipped below: more may be due
                try
                {
                    claimed.AddRange(await StillClaimedAsync(handedOver, settings.DispatchLease, cancellationToken));
                    if (claimed.Count < room && ShouldClaim(claimed.Count > 0, settings.DispatchPollInterval))
                    {
                        // Not started again while its send or its record is outstanding: a row whose claim ran out meanwhile
                        // (the renewer could not reach the database) is taken again by this claim. Counted before the claim, so a
                        // record that finishes during it still counts.
                        var outstanding = inFlight.Keys.ToHashSet();
                        var fromDatabase = await ClaimAsync(room - claimed.Count, settings.DispatchLease, cancellationToken);
                        full = claimed.Count + fromDatabase.Count == room;
                        claimed.AddRange(fromDatabase.Where(n => !outstanding.Contains(n.Id)));
                    }

                    claimed.RemoveAll(n => !inFlight.TryAdd(n.Id, 0));
                    sent += claimed.Count;
                    await StartAsync(window, claimed, finished.Writer, cancellationToken);
                }
                catch
                {
                    // Nothing of this round started: what was taken from memory goes back (claimed again if late by then),
                    // rather than waiting, claimed by this Host, for a lease the renewer keeps extending.
                    signal.HandOver(handedOver.Concat(claimed).DistinctBy(n => n.Id));
                    throw;
                }

                if (full)
                {
                    await window.WaitForRoomAsync(); // more may be due: one claim per window, not one per notification
                }
                else if (!await NewWorkBeforeDrainedAsync(window, settings.DispatchPollInterval, cancellationToken))
                {
                    break; // nothing more was due, and nothing new came while the last sends finished
                }
            }
        }
        finally
        {
            await window.AllAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            finished.Writer.TryComplete();
            await recording;
            Interlocked.Decrement(ref _working);
        }

        await window.AllAsync(); // a send that threw is reported once every finished one is recorded
        return sent;
    }

    /// <summary>
    /// True when the pass should claim from the database: always, unless notifications were handed over (then this Host's
    /// routing woke it, and what it committed is in hand), in which case only when this process also committed unclaimed
    /// work since, or the poll interval passed since the last claim.
    /// </summary>
    private bool ShouldClaim(bool handedOver, TimeSpan poll)
    {
        var now = time.GetUtcNow();
        var committed = signal.TakeCommitted();
        if (handedOver && !committed && now - _claimedAt < poll)
        {
            return false;
        }

        _claimedAt = now;
        return true;
    }

    /// <summary>Queues each claimed notification for a slot of the window, with the incident as it is now.</summary>
    private async Task StartAsync(DispatchWindow window, List<Notification> claimed, ChannelWriter<Completion> finished, CancellationToken cancellationToken)
    {
        if (claimed.Count == 0)
        {
            return;
        }

        Dictionary<Guid, IncidentFacts> incidents;
        await using (var scope = scopes.CreateAsyncScope())
        {
            incidents = await NotificationDelivery.IncidentsNowAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), claimed, cancellationToken);
        }

        window.StartAll(claimed.Select<Notification, Func<Task>>(notification => async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var delivery = scope.ServiceProvider.GetRequiredService<NotificationDelivery>();
            finished.TryWrite(await delivery.SendAsync(notification, incidents.GetValueOrDefault(notification.IncidentId), cancellationToken));
        }).ToList());
    }

    /// <summary>
    /// Waits, while the window's sends finish, for this Host to commit new notifications (or for the poll interval):
    /// true when that came first, so the pass claims again; false when the last send finished first. Without it a pass
    /// would claim again after every send.
    /// </summary>
    private async Task<bool> NewWorkBeforeDrainedAsync(DispatchWindow window, TimeSpan poll, CancellationToken cancellationToken)
    {
        var drained = window.Drained;
        return !drained.IsCompleted && await signal.WaitAsync(drained, poll, cancellationToken);
    }

    /// <summary>
    /// Records completions as they come: each commit waits up to <see cref="CompletionLinger"/> for the sends still
    /// running, so a burst usually shares one commit and a slow recipient does not hold the others' record for long.
    /// </summary>
    private async Task RecordAsync(ChannelReader<Completion> finished, DispatchWindow window, ConcurrentDictionary<Guid, byte> inFlight)
    {
        while (await finished.WaitToReadAsync(CancellationToken.None))
        {
            await Task.WhenAny(window.Drained, Task.Delay(CompletionLinger, time));
            var batch = new List<Completion>();
            while (finished.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            // Not the dispatcher's token: what was sent is recorded even while the Host stops.
            await recorder.RecordAsync(batch, _instance, CancellationToken.None);
            batch.ForEach(c => inFlight.TryRemove(c.Notification.Id, out _));
        }
    }

    /// <summary>
    /// The handed-over notifications this Host may still send. One taken at once (the usual case) holds the claim its
    /// routing batch wrote. One taken when less than half of that claim was left (the dispatcher was held up; renewals
    /// extend the row, not the notification in memory) may have lost it: the lease may have run out, and this Host's
    /// claim or another Host's taken the row. Such a one is claimed again only when its row is still as it was handed over
    /// (pending, this Host's, the same version: no claim or other change since), else it is dropped: whoever claimed it
    /// sends it, and a notification cancelled meanwhile is sent by nobody.
    /// </summary>
    internal async Task<List<Notification>> StillClaimedAsync(List<Notification> handedOver, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var stale = handedOver.Where(n => n.ClaimedUntil is not { } claimedUntil || claimedUntil - now < lease / 2).ToList();
        if (stale.Count == 0)
        {
            return [.. handedOver];
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var until = now + lease;
        var dropped = new HashSet<Guid>();
        foreach (var notification in stale)
        {
            var version = notification.Version;
            var still = await db.Notifications
                .Where(n => n.Id == notification.Id && n.Status == NotificationStatus.Pending && n.ClaimedBy == _instance && n.Version == version)
                .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, until).SetProperty(n => n.Version, version + 1), cancellationToken);
            if (still == 1)
            {
                notification.ClaimedUntil = until;
                notification.Version = version + 1;
            }
            else
            {
                dropped.Add(notification.Id);
            }
        }

        LogHandedOverLate(logger, stale.Count, lease.TotalSeconds, stale.Count - dropped.Count, dropped.Count);
        return [.. handedOver.Where(n => !dropped.Contains(n.Id))];
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due notifications nobody holds a live lease on, in one statement that picks,
    /// claims and returns them (PostgreSQL: rows another Host is claiming are skipped, not waited for; SQLite: one process
    /// owns the file). The first notices of engagements go first: after a restart or a burst, a newly engaged unit is told
    /// before the queue of deadline alerts, update notices, pages and documents behind it.
    /// </summary>
    private async Task<List<Notification>> ClaimAsync(int limit, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var sqlite = db.Database.IsSqlite();
        var table = sqlite ? "notifications" : $"\"{db.Schema}\".notifications";
        var sql = $$"""
            UPDATE {{table}} SET claimed_by = {0}, claimed_until = {1}, version = version + 1
            WHERE id IN (
                SELECT id FROM {{table}}
                WHERE status = {2} AND next_attempt_at <= {3} AND (claimed_until IS NULL OR claimed_until < {3})
                ORDER BY CASE WHEN origin = {4} THEN 0 ELSE 1 END, next_attempt_at
                LIMIT {5}{{(sqlite ? "" : " FOR UPDATE SKIP LOCKED")}})
            RETURNING *
            """;
        object[] values = sqlite
            ? [_instance, (now + lease).UtcTicks, NotificationStatus.Pending, now.UtcTicks, NotificationOrigins.Engagement, limit]
            : [_instance, (now + lease).ToUniversalTime(), NotificationStatus.Pending, now.ToUniversalTime(), NotificationOrigins.Engagement, limit];
        var claimed = await db.Notifications.FromSqlRaw(sql, values).AsNoTracking().ToListAsync(cancellationToken);
        return claimed.OrderBy(n => n.Origin == NotificationOrigins.Engagement ? 0 : 1).ThenBy(n => n.NextAttemptAt).ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Took back {Count} notification(s) claimed before this Host restarted")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The dispatcher took {Count} handed-over notification(s) with less than half their routing batch's claim left (a lease of {Seconds} s; it was held up): {Kept} still this Host's, claimed again; {Dropped} claimed or changed meanwhile, not sent from memory")]
    private static partial void LogHandedOverLate(ILogger logger, int count, double seconds, int kept, int dropped);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatch failed, retrying: {Reason}")]
    private static partial void LogDispatchFailed(ILogger logger, string reason);
}
