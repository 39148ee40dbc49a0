using System.Data.Common;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Escalation.Tests.Support;

/// <summary>
/// Counts what escalation's contexts ask of the database: transactions (explicit commits, and statements run
/// outside one, each its own), and the UPDATE and DELETE statements among them (rows inserted are counted by the
/// tests, by table).
/// </summary>
public sealed partial class WorkCounter : IDbCommandInterceptor, IDbTransactionInterceptor
{
    private int _transactions;
    private int _updates;
    private int _deletes;

    public int Transactions => Volatile.Read(ref _transactions);

    public int Updates => Volatile.Read(ref _updates);

    public int Deletes => Volatile.Read(ref _deletes);

    public void Reset()
    {
        Interlocked.Exchange(ref _transactions, 0);
        Interlocked.Exchange(ref _updates, 0);
        Interlocked.Exchange(ref _deletes, 0);
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Count(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Count(command);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Count(command);
        return result;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Interlocked.Increment(ref _transactions);

    private void Count(DbCommand command)
    {
        if (command.Transaction is null)
        {
            Interlocked.Increment(ref _transactions);
        }

        Interlocked.Add(ref _updates, Update().Count(command.CommandText));
        Interlocked.Add(ref _deletes, Delete().Count(command.CommandText));
    }

    [GeneratedRegex(@"(^|;)\s*UPDATE\s", RegexOptions.IgnoreCase)]
    private static partial Regex Update();

    [GeneratedRegex(@"(^|;)\s*DELETE\s", RegexOptions.IgnoreCase)]
    private static partial Regex Delete();
}
