using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>What kind of stuck work an item is.</summary>
public static class ParkedKinds
{
    /// <summary>A consumed message that kept failing (<c>deferred_messages</c>): waiting or parked.</summary>
    public const string Deferred = "deferred";

    /// <summary>An outbox row the relay could not publish (<c>outbox_messages</c>): quarantined.</summary>
    public const string Outbox = "outbox";
}

/// <summary>One stuck message. <paramref name="Queue"/> is null for an outbox row (it is published, not sent to a queue).</summary>
public sealed record ParkedItem(
    Guid Id, string Kind, string Database, string? Queue, string MessageType, Guid MessageId, string State, int Attempts,
    string? FirstError, string? LastError, DateTimeOffset? FirstFailedAt, DateTimeOffset? LastFailedAt, DateTimeOffset? NextAttemptAt, string Body);

/// <summary>How many items a queue (or a database's outbox) holds in a state, and its oldest failure.</summary>
public sealed record ParkedGroup(string Database, string Kind, string? Queue, string State, int Count, DateTimeOffset? FirstFailedAt, string? FirstError);

public sealed record ParkedOverview(IReadOnlyList<ParkedGroup> Queues, IReadOnlyList<ParkedItem> Items);

/// <summary>
/// Stuck work across this Host's service databases, for coordinators: deferred messages (waiting or
/// parked) and quarantined outbox rows; replay (send again now / give the row back to the relay) and discard.
/// </summary>
public sealed class ParkedWork(
    IServiceScopeFactory scopes,
    IEnumerable<ServiceDatabase> databases,
    IBus bus,
    OutboxSignal outboxSignal,
    IOptions<MessageRedeliveryOptions> options,
    TimeProvider time)
{
    public async Task<ParkedOverview> ListAsync(int limit, CancellationToken cancellationToken)
    {
        var queues = new List<ParkedGroup>();
        var items = new List<ParkedItem>();
        foreach (var database in databases)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = Context(scope, database);
            var groups = await db.DeferredMessages.AsNoTracking()
                .GroupBy(m => new { m.Queue, m.State })
                .Select(g => new { g.Key.Queue, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken);
            foreach (var group in groups)
            {
                var first = await db.DeferredMessages.AsNoTracking()
                    .Where(m => m.Queue == group.Queue && m.State == group.State)
                    .OrderBy(m => m.FirstFailedAt)
                    .Select(m => new { m.FirstFailedAt, m.FirstError })
                    .FirstAsync(cancellationToken);
                queues.Add(new ParkedGroup(database.Schema, ParkedKinds.Deferred, group.Queue, group.State, group.Count, first.FirstFailedAt, first.FirstError));
            }

            var quarantined = db.OutboxMessages.AsNoTracking().Where(m => m.QuarantinedAt != null);
            var outboxCount = await quarantined.CountAsync(cancellationToken);
            if (outboxCount > 0)
            {
                var first = await quarantined.OrderBy(m => m.CreatedAt).Select(m => new { m.QuarantinedAt, m.LastError }).FirstAsync(cancellationToken);
                queues.Add(new ParkedGroup(database.Schema, ParkedKinds.Outbox, null, ParkedWorkStates.Quarantined, outboxCount, first.QuarantinedAt, first.LastError));
            }

            var deferred = await db.DeferredMessages.AsNoTracking().OrderBy(m => m.FirstFailedAt).Take(limit).ToListAsync(cancellationToken);
            items.AddRange(deferred.Select(m => View(database, m)));
            var outbox = await quarantined.OrderBy(m => m.CreatedAt).Take(limit).ToListAsync(cancellationToken);
            items.AddRange(outbox.Select(m => View(database, m)));
        }

        return new ParkedOverview(
            [.. queues.OrderBy(q => q.Database, StringComparer.Ordinal).ThenBy(q => q.Queue, StringComparer.Ordinal).ThenBy(q => q.State, StringComparer.Ordinal)],
            [.. items.OrderBy(i => i.FirstFailedAt).Take(limit)]);
    }

    public async Task<ParkedItem?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        foreach (var database in databases)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = Context(scope, database);
            if (await db.DeferredMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken) is { } deferred)
            {
                return View(database, deferred);
            }

            if (await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id && m.QuarantinedAt != null, cancellationToken) is { } outbox)
            {
                return View(database, outbox);
            }
        }

        return null;
    }

    /// <summary>
    /// A deferred message is sent to its queue now (and stays waiting, so the redeliverer sends it again
    /// if this send is lost; a failure past the horizon parks it again); a quarantined outbox row goes back
    /// to the relay with its attempts reset. Null when there is no such item.
    /// </summary>
    public async Task<ParkedItem?> ReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await GetAsync(id, cancellationToken);
        if (item is null)
        {
            return null;
        }

        var database = databases.First(d => d.Schema == item.Database);
        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope, database);
        var now = time.GetUtcNow();
        if (item.Kind == ParkedKinds.Deferred)
        {
            var next = now + options.Value.DelayAfter(1);
            await db.DeferredMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.State, ParkedWorkStates.Waiting).SetProperty(m => m.NextAttemptAt, next), cancellationToken);
            var row = await db.DeferredMessages.AsNoTracking().FirstAsync(m => m.Id == id, cancellationToken);
            await RedeliveryHeaders.SendAsync(bus, row, cancellationToken);
        }
        else
        {
            await db.OutboxMessages.Where(m => m.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.QuarantinedAt, (DateTimeOffset?)null).SetProperty(m => m.Attempts, 0)
                    .SetProperty(m => m.ClaimedBy, (string?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
            outboxSignal.Notify(database.ContextType);
        }

        return item;
    }

    /// <summary>Deletes the item; null when there is no such item.</summary>
    public async Task<ParkedItem?> DiscardAsync(Guid id, CancellationToken cancellationToken)
    {
        var item = await GetAsync(id, cancellationToken);
        if (item is null)
        {
            return null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = Context(scope, databases.First(d => d.Schema == item.Database));
        var deleted = item.Kind == ParkedKinds.Deferred
            ? await db.DeferredMessages.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken)
            : await db.OutboxMessages.Where(m => m.Id == id && m.QuarantinedAt != null).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? null : item;
    }

    private static ServiceDbContext Context(AsyncServiceScope scope, ServiceDatabase database) =>
        (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);

    private static ParkedItem View(ServiceDatabase database, DeferredMessage m) => new(
        m.Id, ParkedKinds.Deferred, database.Schema, m.Queue, m.MessageType, m.MessageId, m.State, m.Attempts,
        m.FirstError, m.LastError, m.FirstFailedAt, m.LastFailedAt, m.NextAttemptAt, m.Body);

    private static ParkedItem View(ServiceDatabase database, OutboxMessage m) => new(
        m.Id, ParkedKinds.Outbox, database.Schema, null, m.MessageType, m.Id, ParkedWorkStates.Quarantined, m.Attempts,
        m.LastError, m.LastError, m.CreatedAt, m.QuarantinedAt, null, m.Body);
}
