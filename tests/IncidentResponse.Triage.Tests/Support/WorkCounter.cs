using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>
/// Counts the database work of every context it is added to: transactions (each commit, and each statement
/// run outside a transaction, which PostgreSQL commits on its own) and rows written (inserted, updated or deleted).
/// </summary>
public sealed class WorkCounter : DbCommandInterceptor, IDbTransactionInterceptor
{
    private int _transactions;
    private int _rows;

    public int Transactions => Volatile.Read(ref _transactions);

    public int Rows => Volatile.Read(ref _rows);

    public void Reset()
    {
        Interlocked.Exchange(ref _transactions, 0);
        Interlocked.Exchange(ref _rows, 0);
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        CountAlone(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        CountAlone(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        CountAlone(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (Writes(command) && result > 0)
        {
            Interlocked.Add(ref _rows, result);
        }

        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (Writes(command) && eventData.RecordsAffected > 0)
        {
            Interlocked.Add(ref _rows, eventData.RecordsAffected);
        }

        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _transactions);

    private void CountAlone(DbCommand command)
    {
        if (command.Transaction is null)
        {
            Interlocked.Increment(ref _transactions);
        }
    }

    private static bool Writes(DbCommand command)
    {
        var text = command.CommandText.TrimStart();
        return !text.StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }
}
