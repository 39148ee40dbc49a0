using System.Collections.Concurrent;
using System.Data.Common;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Notifications.Tests.Support;

/// <summary>
/// Counts the database work of the contexts it is added to, as the benchmark's <c>pg_stat_database</c> does: a
/// statement outside a transaction is a transaction of its own, an explicit transaction counts once when it commits.
/// Rows written: the entities each save wrote, the rows of <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> and of an
/// <c>UPDATE … RETURNING</c>. Messages: the outbox rows saved.
/// </summary>
public sealed class WorkCounter : DbCommandInterceptor, IDbTransactionInterceptor, ISaveChangesInterceptor
{
    private readonly ConcurrentDictionary<DbContext, int> _saving = new();
    private int _transactions;
    private int _rows;
    private int _messages;

    public int Transactions => Volatile.Read(ref _transactions);

    public int Rows => Volatile.Read(ref _rows);

    public int Messages => Volatile.Read(ref _messages);

    public void Reset() => (_transactions, _rows, _messages) = (0, 0, 0);

    public override string ToString() => $"{Transactions} transactions, {Rows} rows, {Messages} messages";

    private void Executed(DbCommand command)
    {
        if (command.Transaction is null)
        {
            Interlocked.Increment(ref _transactions);
        }
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Executed(command);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Closing(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        Closing(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Closing(DbCommand command, DataReaderClosingEventData eventData)
    {
        if (eventData.Context is { } context && !_saving.ContainsKey(context) && command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Add(ref _rows, eventData.ReadCount);
        }
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        NonQuery(command, eventData, result);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        NonQuery(command, eventData, result);
        return ValueTask.FromResult(result);
    }

    private void NonQuery(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Executed(command);
        if (eventData.Context is { } context && !_saving.ContainsKey(context) && result > 0)
        {
            Interlocked.Add(ref _rows, result);
        }
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Executed(command);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Executed(command);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _transactions);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Saving(eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Saving(eventData);
        return ValueTask.FromResult(result);
    }

    private void Saving(DbContextEventData eventData)
    {
        var context = eventData.Context!;
        var written = context.ChangeTracker.Entries().Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted).ToList();
        _saving[context] = written.Count;
        Interlocked.Add(ref _messages, written.Count(e => e.State == EntityState.Added && e.Entity is OutboxMessage));
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context!, ok: true);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context!, ok: true);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => Saved(eventData.Context!, ok: false);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context!, ok: false);
        return Task.CompletedTask;
    }

    private void Saved(DbContext context, bool ok)
    {
        if (_saving.TryRemove(context, out var count) && ok)
        {
            Interlocked.Add(ref _rows, count);
        }
    }
}
