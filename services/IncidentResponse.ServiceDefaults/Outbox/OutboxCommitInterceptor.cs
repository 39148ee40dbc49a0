using System.Data.Common;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// Hands the relay of a context the messages of each commit that wrote some, and only then: a commit that
/// wrote no message (most of them) wakes nothing, and a save that EF wraps in its own transaction wakes the
/// relay once, not twice. Messages are added by <see cref="TransactionalMessagingExtensions.PublishAfterCommit{T}"/>,
/// the one way they are written. When a relay of this process takes them, their rows are saved already claimed
/// by this Host for <see cref="OutboxOptions.ClaimLease"/>, so no poll (of this Host or another) publishes them
/// too; if this Host dies first, its next start or the lease's end lets any relay publish them.
/// A message is handed over only once its own transaction committed: a rolled-back save hands over nothing.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal, HostIdentity identity, IOptions<OutboxOptions> options, TimeProvider time)
    : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavingChanges(eventData, result));

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ServiceDbContext { OutboxAdded.Count: > 0 } service && signal.IsAttached(service.GetType()))
        {
            var until = time.GetUtcNow() + options.Value.ClaimLease;
            foreach (var envelope in service.OutboxAdded)
            {
                if (envelope.Row.ClaimedBy is null && service.Entry(envelope.Row).State == EntityState.Added)
                {
                    envelope.Row.ClaimedBy = identity.ClaimOwner;
                    envelope.Row.ClaimedUntil = until;
                }
            }
        }

        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is not { } context)
        {
            return result;
        }

        if (context is not ServiceDbContext service)
        {
            // Contexts other than a service's (none today) keep the old behaviour: every commit wakes.
            if (context.Database.CurrentTransaction is null)
            {
                signal.Notify(context.GetType());
            }

            return result;
        }

        var saved = ClaimedHere(TakeSaved(service));
        if (context.Database.CurrentTransaction is { } transaction)
        {
            // Inside an explicit transaction nothing is visible yet: its commit hands them over.
            service.OutboxSaved.AddRange(saved.Select(e => (e, transaction.TransactionId)));
        }
        else if (saved.Count > 0 || service.OutboxWritten)
        {
            service.OutboxWritten = false;
            signal.HandOver(context.GetType(), saved);
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is ServiceDbContext service)
        {
            var committed = service.OutboxSaved.Where(s => s.Transaction == eventData.TransactionId).Select(s => s.Envelope).ToList();
            service.OutboxSaved.Clear();
            if (committed.Count > 0 || service.OutboxWritten)
            {
                service.OutboxWritten = false;
                signal.HandOver(service.GetType(), committed);
            }
        }
        else if (eventData.Context is { } context)
        {
            signal.Notify(context.GetType());
        }
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is ServiceDbContext service)
        {
            service.OutboxSaved.Clear();
        }
    }

    /// <summary>
    /// Only rows this Host saved claimed go to its relay. A row saved before the relay attached is nobody's: a poll
    /// publishes it, and handing it over too (the relay may attach between save and commit) would publish it twice.
    /// </summary>
    private List<OutboxEnvelope> ClaimedHere(List<OutboxEnvelope> saved)
    {
        var owner = identity.ClaimOwner;
        saved.RemoveAll(e => !string.Equals(e.Row.ClaimedBy, owner, StringComparison.Ordinal));
        return saved;
    }

    /// <summary>The added messages the save just wrote (now unchanged); those of an earlier, failed attempt that was cleared away are dropped.</summary>
    private static List<OutboxEnvelope> TakeSaved(ServiceDbContext service)
    {
        var saved = new List<OutboxEnvelope>();
        for (var i = service.OutboxAdded.Count - 1; i >= 0; i--)
        {
            var state = service.Entry(service.OutboxAdded[i].Row).State;
            if (state == EntityState.Added)
            {
                continue;
            }

            if (state is EntityState.Unchanged or EntityState.Modified)
            {
                saved.Add(service.OutboxAdded[i]);
            }

            service.OutboxAdded.RemoveAt(i);
        }

        saved.Reverse();
        return saved;
    }
}
