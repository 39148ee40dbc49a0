using System.Text.Json;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Observability;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// Publishes what a context's transactions left in its outbox. On PostgreSQL each cycle is one
/// transaction that locks its rows (<c>FOR UPDATE SKIP LOCKED</c>), so several Hosts can share a
/// database; a row whose publisher died before committing is published again by the next cycle. Rows
/// claimed for a lease by earlier versions are taken when their lease ends, or at once when that
/// publisher was an earlier life of this same Host. Delivery is
/// therefore at least once, and every consumer is idempotent. Each row is published on its own: one
/// that cannot be (type unknown, body unreadable, publish refused) counts an attempt and keeps its
/// error, is quarantined after <see cref="OutboxOptions.MaxAttempts"/>, and never holds up the others.
/// On the in-memory transport a published row is kept for <see cref="OutboxOptions.KeepSentInMemory"/>
/// and published again at the next start: the bus dies with the process, the outbox does not.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    OutboxSignal signal,
    LocalConsumers locals,
    IHostApplicationLifetime lifetime,
    DatabaseStatus database,
    HostIdentity identity,
    IOptions<DatabaseOptions> databaseOptions,
    IOptions<MessagingOptions> messaging,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : ServiceDbContext
{
    private const int SettleChunk = 1000;

    private readonly List<Guid> settling = [];
    private readonly Dictionary<Type, List<OutboxEnvelope>> holding = [];
    private DateTimeOffset holdDue;
    private DateTimeOffset settleDue;
    private DateTimeOffset lastPrune = DateTimeOffset.MinValue;

    /// <summary>True when published rows are kept a while because the bus does not outlive this process.</summary>
    private bool KeepsSent => messaging.Value.Transport == MessagingTransport.InMemory && options.Value.KeepSentInMemory > TimeSpan.Zero;

    /// <summary>What <see cref="OutboxMessage.ClaimedBy"/> says on a row this process published and keeps.</summary>
    private string SentBy => OutboxMessage.SentMark + identity.InstanceId;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        await ReleasePreviousClaimsAsync(stoppingToken);
        // And until this Host's receive endpoints are up: a consumer's queue is declared and bound when
        // its endpoint first starts, and a message published before that is routed past it.
        await bus.WaitForHealthStatus(BusHealthStatus.Healthy, stoppingToken);
        // From here on this Host's commits hand their messages over (saved claimed by this Host).
        signal.Attach(typeof(TContext));
        var nextPoll = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var busy = false;
                try
                {
                    busy = await PublishHandedOverAsync(stoppingToken) >= options.Value.BatchSize;
                    await PublishHeldAsync(force: false, stoppingToken);
                    await SettleAsync(force: false, stoppingToken);
                    if (time.GetUtcNow() >= nextPoll)
                    {
                        var polled = await PublishPendingAsync(stoppingToken);
                        await PruneSentAsync(stoppingToken);
                        busy |= polled >= options.Value.BatchSize;
                        nextPoll = busy ? time.GetUtcNow() : time.GetUtcNow() + options.Value.PollInterval;
                    }
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, typeof(TContext).Name, Failures.Describe(ex));
                    nextPoll = time.GetUtcNow() + options.Value.PollInterval;
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken);
                }

                if (!busy)
                {
                    var wake = settling.Count > 0 && settleDue < nextPoll ? settleDue : nextPoll;
                    wake = holding.Count > 0 && holdDue < wake ? holdDue : wake;
                    var wait = wake - time.GetUtcNow();
                    await signal.WaitAsync(typeof(TContext), wait > TimeSpan.Zero ? wait : TimeSpan.Zero, stoppingToken);
                }
            }
        }
        finally
        {
            // Stopping: what was handed over goes out while the bus still runs (it stops after the relays), and
            // what was published is settled; anything left is this Host's claim, released at its next start.
            await StopGracefullyAsync();
        }
    }

    private async Task StopGracefullyAsync()
    {
        try
        {
            using var stopping = new CancellationTokenSource(options.Value.ClaimLease);
            while (await PublishHandedOverAsync(stopping.Token) > 0)
            {
            }

            await PublishHeldAsync(force: true, stopping.Token);
            await SettleAsync(force: true, stopping.Token);
        }
        catch (Exception ex)
        {
            LogFailed(logger, typeof(TContext).Name, Failures.Describe(ex));
        }
    }

    /// <summary>
    /// Publishes the messages this Host's commits handed over (their rows are claimed by this Host), as they are;
    /// the published rows are settled later, many in one statement. Rows whose publication failed are released to
    /// the polling path, which counts attempts and quarantines. Returns how many were handed over.
    /// </summary>
    internal async Task<int> PublishHandedOverAsync(CancellationToken cancellationToken)
    {
        var taken = signal.Take(typeof(TContext), options.Value.BatchSize);
        if (taken.Count == 0)
        {
            return 0;
        }

        var handed = Hold(taken);
        await PublishAsync(handed.Select(e => (e.Message, e.Type, e.Row.Id, (IReadOnlyList<Guid>)[e.Row.Id])).ToList(), cancellationToken);
        return taken.Count;
    }

    /// <summary>Keeps the answers that may be merged (<see cref="OutboxCoalescing"/>) for <see cref="OutboxOptions.CoalesceDelay"/>; returns the others.</summary>
    private List<OutboxEnvelope> Hold(List<OutboxEnvelope> taken)
    {
        if (options.Value.CoalesceDelay <= TimeSpan.Zero)
        {
            return taken;
        }

        var others = new List<OutboxEnvelope>();
        foreach (var envelope in taken)
        {
            if (!OutboxCoalescing.CanCoalesce(envelope.Type))
            {
                others.Add(envelope);
                continue;
            }

            if (holding.Count == 0)
            {
                holdDue = time.GetUtcNow() + options.Value.CoalesceDelay;
            }

            if (!holding.TryGetValue(envelope.Type, out var held))
            {
                holding[envelope.Type] = held = [];
            }

            held.Add(envelope);
        }

        return others;
    }

    /// <summary>
    /// Publishes the answers held, one message per kind (under a new id: their consumers know what they applied by natural
    /// keys), once <see cref="OutboxOptions.CoalesceDelay"/> has passed since the first, or a batch is full, or the Host stops.
    /// </summary>
    internal async Task PublishHeldAsync(bool force, CancellationToken cancellationToken)
    {
        if (holding.Count == 0 || (!force && holding.Values.Sum(h => h.Count) < options.Value.BatchSize && time.GetUtcNow() < holdDue))
        {
            return;
        }

        var merged = holding.Select(h => (OutboxCoalescing.Merge(h.Key, h.Value.Select(e => e.Message).ToList()), h.Key,
            h.Value.Count == 1 ? h.Value[0].Row.Id : NewId.NextGuid(), (IReadOnlyList<Guid>)h.Value.Select(e => e.Row.Id).ToList())).ToList();
        holding.Clear();
        await PublishAsync(merged, cancellationToken);
    }

    /// <summary>
    /// Publishes each message (with its id), or hands it to its consumer in this Host (<see cref="LocalConsumers"/>), and settles
    /// its rows later; the rows of one that failed go back to the polling path.
    /// </summary>
    private async Task PublishAsync(IReadOnlyList<(object Message, Type Type, Guid Id, IReadOnlyList<Guid> Rows)> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        using var publishing = new CancellationTokenSource(options.Value.ClaimLease);
        var failed = new List<Guid>();
        await Task.WhenAll(messages.Select(async message =>
        {
            try
            {
                // Its one consumer in this Host takes it in memory; failing that, the broker does. Once the Host is
                // stopping, the broker does at once: the consumer's role is stopping too, and a Host that goes on running
                // (or this one, until its bus stops) takes the message from the queue.
                if (lifetime.ApplicationStopping.IsCancellationRequested
                    || !await locals.TryConsumeAsync(message.Message, message.Type, publishing.Token))
                {
                    await bus.Publish(message.Message, message.Type, context => context.MessageId = message.Id, publishing.Token);
                }
            }
            catch (Exception ex)
            {
                lock (failed)
                {
                    failed.AddRange(message.Rows);
                    if (failed.Count == message.Rows.Count)
                    {
                        LogFailed(logger, typeof(TContext).Name, $"{ex.GetType().Name}: {ReadableConsoleFormatter.Reasons(ex)}");
                    }
                }
            }
        }));

        if (settling.Count == 0)
        {
            settleDue = time.GetUtcNow() + options.Value.SettleDelay;
        }

        settling.AddRange(messages.SelectMany(m => m.Rows).Except(failed));
        if (failed.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var retryAt = time.GetUtcNow() + options.Value.FailedRetryDelay;
            var owner = identity.ClaimOwner;
            await db.OutboxMessages.Where(m => failed.Contains(m.Id) && m.ClaimedBy == owner)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, retryAt), cancellationToken);
        }
    }

    /// <summary>
    /// Deletes (or, on the in-memory transport, keeps as sent) the handed-over rows published since the last
    /// settlement, in one statement, once <see cref="OutboxOptions.SettleDelay"/> has passed since the first of them
    /// or a batch is full. Until then they stay claimed by this Host; if it dies they are published again under
    /// the same ids, which consumers recognise.
    /// </summary>
    internal async Task SettleAsync(bool force, CancellationToken cancellationToken)
    {
        if (settling.Count == 0 || (!force && settling.Count < options.Value.BatchSize && time.GetUtcNow() < settleDue))
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        for (var start = 0; start < settling.Count; start += SettleChunk)
        {
            var ids = settling.Skip(start).Take(SettleChunk).ToList();
            if (KeepsSent)
            {
                var sentBy = SentBy;
                var keepUntil = time.GetUtcNow() + options.Value.KeepSentInMemory;
                await db.OutboxMessages.Where(m => ids.Contains(m.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, sentBy).SetProperty(m => m.ClaimedUntil, keepUntil), cancellationToken);
            }
            else
            {
                await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(cancellationToken);
            }
        }

        settling.Clear();
    }

    /// <summary>
    /// Gives back, at once, the rows an earlier life of this Host claimed and did not finish (instead of
    /// waiting out their lease), and those it had published on its in-memory bus and kept: the bus died with
    /// it, so they go again. On the embedded default (SQLite) this process owns the files, so every claim
    /// is from a previous life. Returns how many rows were released.
    /// </summary>
    public async Task<int> ReleasePreviousClaimsAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var owner = identity.ClaimOwner;
            var sentBy = SentBy;
            var claims = db.OutboxMessages.Where(m => m.ClaimedBy != null && m.ClaimedBy != owner && m.ClaimedBy != sentBy);
            if (databaseOptions.Value.Provider != DatabaseProvider.Sqlite)
            {
                // Rows kept as sent on an in-memory bus are this Host's: that bus serves no other process.
                var prefix = identity.ClaimPrefix;
                var inMemory = messaging.Value.Transport == MessagingTransport.InMemory;
                claims = claims.Where(m => m.ClaimedBy!.StartsWith(prefix) || (inMemory && m.ClaimedBy!.StartsWith(OutboxMessage.SentMark)));
            }

            var released = await claims.ExecuteUpdateAsync(
                s => s.SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            if (released > 0)
            {
                LogReleased(logger, released, typeof(TContext).Name);
            }

            return released;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Their leases end by themselves; this only makes them come back sooner.
            LogFailed(logger, typeof(TContext).Name, Failures.Describe(ex));
            return 0;
        }
    }

    /// <summary>
    /// Publishes one batch and removes (or keeps as sent) what was published; returns how many messages were
    /// published. On PostgreSQL the whole cycle is one transaction: the rows are locked with
    /// <c>FOR UPDATE SKIP LOCKED</c>, so relays of other Hosts take other rows, and a relay that dies before
    /// its commit leaves them to the next cycle of any Host (published again under the same message id). On
    /// SQLite this process is the only one, so there is nothing to claim.
    /// </summary>
    public async Task<int> PublishPendingAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        if (databaseOptions.Value.Provider == DatabaseProvider.Sqlite)
        {
            var rows = await db.OutboxMessages.AsNoTracking()
                .Where(m => m.QuarantinedAt == null && (m.ClaimedUntil == null || m.ClaimedUntil < now))
                .Where(m => m.ClaimedBy == null || !m.ClaimedBy.StartsWith(OutboxMessage.SentMark))
                .OrderBy(m => m.CreatedAt)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken);
            return rows.Count == 0 ? 0 : await PublishAndSettleAsync(db, rows);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.OutboxMessages.FromSqlRaw(LockSql(db), now, options.Value.BatchSize)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var published = locked.Count == 0 ? 0 : await PublishAndSettleAsync(db, locked);
        // Committed even when the Host is stopping: what was published must not be published again.
        await transaction.CommitAsync(CancellationToken.None);
        return published;
    }

    /// <summary>The pending rows of <paramref name="db"/>'s outbox, oldest first, locked for this transaction; parameters: now, batch size.</summary>
    private static string LockSql(TContext db) =>
        $$"""
        SELECT * FROM "{{db.Schema}}".outbox_messages
        WHERE quarantined_at IS NULL AND (claimed_until IS NULL OR claimed_until < {0})
          AND (claimed_by IS NULL OR claimed_by NOT LIKE '{{OutboxMessage.SentMark}}%')
        ORDER BY created_at
        LIMIT {1}
        FOR UPDATE SKIP LOCKED
        """;

    private async Task<int> PublishAndSettleAsync(TContext db, List<OutboxMessage> rows)
    {
        // A batch is published to the end even while the Host stops (the bus stops after the relays):
        // cancelled half-way, its messages would go again and be logged as faults. The lease bounds how long
        // that may take; what is not confirmed by then goes again later.
        using var publishing = new CancellationTokenSource(options.Value.ClaimLease);
        var outcomes = await Task.WhenAll(rows.Select(m => TryPublishAsync(m, publishing.Token)));

        var ids = outcomes.Where(o => o.Failure is null).Select(o => o.Row.Id).ToList();
        if (ids.Count > 0 && KeepsSent)
        {
            var sentBy = SentBy;
            var keepUntil = time.GetUtcNow() + options.Value.KeepSentInMemory;
            await db.OutboxMessages.Where(m => ids.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedBy, sentBy).SetProperty(m => m.ClaimedUntil, keepUntil), publishing.Token);
        }
        else if (ids.Count > 0)
        {
            await db.OutboxMessages.Where(m => ids.Contains(m.Id)).ExecuteDeleteAsync(publishing.Token);
        }

        var failures = outcomes.Where(o => o.Failure is not null).ToList();
        // When every publish failed for the transport, the broker is the problem, not the rows: they wait
        // a while and count no attempt (a broker outage must not quarantine the outbox).
        var brokerDown = ids.Count == 0 && failures.Count > 0 && failures.All(f => f.Transport);
        if (brokerDown)
        {
            LogFailed(logger, typeof(TContext).Name, failures[0].Failure!);
            var retryAt = time.GetUtcNow() + options.Value.FailedRetryDelay;
            var waiting = failures.Select(f => f.Row.Id).ToList();
            await db.OutboxMessages.Where(m => waiting.Contains(m.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimedUntil, retryAt), publishing.Token);
        }
        else
        {
            foreach (var failure in failures)
            {
                await RecordFailureAsync(db, failure.Row, failure.Failure!, publishing.Token);
            }
        }

        return ids.Count;
    }

    /// <summary>
    /// Deletes the rows kept as sent whose time is up (at most once a second); returns how many. The bus
    /// has had them for <see cref="OutboxOptions.KeepSentInMemory"/>: its consumers are done with them.
    /// </summary>
    public async Task<int> PruneSentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (!KeepsSent || now - lastPrune < TimeSpan.FromSeconds(1))
        {
            return 0;
        }

        lastPrune = now;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        return await db.OutboxMessages
            .Where(m => m.ClaimedBy != null && m.ClaimedBy.StartsWith(OutboxMessage.SentMark) && m.ClaimedUntil < now)
            .ExecuteDeleteAsync(cancellationToken);
    }

    private async Task RecordFailureAsync(TContext db, OutboxMessage row, string failure, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var attempts = row.Attempts + 1;
        var quarantine = attempts >= options.Value.MaxAttempts;
        DateTimeOffset? quarantinedAt = quarantine ? now : null;
        var retryAt = now + options.Value.FailedRetryDelay;
        var error = failure.Length <= OutboxMessage.ErrorLength ? failure : failure[..(OutboxMessage.ErrorLength - 1)] + "…";
        await db.OutboxMessages.Where(m => m.Id == row.Id && m.ClaimedBy == row.ClaimedBy)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, attempts)
                .SetProperty(m => m.LastError, error)
                .SetProperty(m => m.QuarantinedAt, quarantinedAt)
                .SetProperty(m => m.ClaimedUntil, retryAt), cancellationToken);
        if (quarantine)
        {
            LogQuarantined(logger, row.Id, row.MessageType, typeof(TContext).Name, attempts, error);
        }
        else
        {
            LogRowFailed(logger, row.Id, row.MessageType, typeof(TContext).Name, attempts, error);
        }
    }

    private sealed record Outcome(OutboxMessage Row, string? Failure, bool Transport);

    private async Task<Outcome> TryPublishAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        Type type;
        object message;
        try
        {
            type = OutboxSerializer.ResolveType(row.MessageType);
            message = JsonSerializer.Deserialize(row.Body, type, OutboxSerializer.Options)
                ?? throw new JsonException("the body is null");
        }
        catch (Exception ex) when (ex is InvalidOperationException or JsonException or NotSupportedException or ArgumentException)
        {
            return new Outcome(row, $"{ex.GetType().Name}: {ReadableConsoleFormatter.Reasons(ex)}", Transport: false);
        }

        try
        {
            await bus.Publish(message, type, context => context.MessageId = row.Id, cancellationToken);
            return new Outcome(row, null, Transport: false);
        }
        catch (Exception ex)
        {
            return new Outcome(row, $"{ex.GetType().Name}: {ReadableConsoleFormatter.Reasons(ex)}", Transport: true);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox of {Context} could not be published now: {Reason}; will retry")]
    private static partial void LogFailed(ILogger logger, string context, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {Id} ({MessageType}) of {Context} could not be published (attempt {Attempts}): {Reason}; the others went on")]
    private static partial void LogRowFailed(ILogger logger, Guid id, string messageType, string context, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {Id} ({MessageType}) of {Context} failed {Attempts} times and is quarantined (see /admin/parked-work): {Reason}")]
    private static partial void LogQuarantined(ILogger logger, Guid id, string messageType, string context, int attempts, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Released {Count} outbox row(s) of {Context} claimed or published in memory by this Host's previous run; they go again")]
    private static partial void LogReleased(ILogger logger, int count, string context);
}
