using System.Data.Common;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>
/// Tells the relay of a context to look at its outbox once changes that added outbox messages are
/// committed, and only then: a commit that wrote no message (most of them) wakes nothing, and a save
/// that EF wraps in its own transaction wakes the relay once, not twice. The context is marked by
/// <see cref="TransactionalMessagingExtensions.PublishAfterCommit{T}"/>, the one way messages are added.
/// </summary>
internal sealed class OutboxCommitInterceptor(OutboxSignal signal) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(SavedChanges(eventData, result));

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        // Inside an explicit transaction nothing is visible yet: the commit below notifies.
        if (eventData.Context is { } context && context.Database.CurrentTransaction is null)
        {
            NotifyIfWritten(context);
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
        if (eventData.Context is { } context)
        {
            NotifyIfWritten(context);
        }
    }

    private void NotifyIfWritten(DbContext context)
    {
        // Contexts other than a service's (none today) keep the old behaviour: every commit wakes.
        if (context is not ServiceDbContext service)
        {
            signal.Notify(context.GetType());
        }
        else if (service.OutboxWritten)
        {
            service.OutboxWritten = false;
            signal.Notify(context.GetType());
        }
    }
}
