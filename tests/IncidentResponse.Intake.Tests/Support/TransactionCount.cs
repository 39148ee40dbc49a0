using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>
/// Counts the database transactions a context causes: each commit, and each statement sent outside a
/// transaction (PostgreSQL runs it as one of its own, as <c>pg_stat_database.xact_commit</c> counts it).
/// </summary>
public sealed class TransactionCount : DbCommandInterceptor, IDbTransactionInterceptor
{
    private long _transactions;

    public long Transactions => Interlocked.Read(ref _transactions);

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Count(command);
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _transactions);
        return Task.CompletedTask;
    }

    private void Count(DbCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Transaction is null)
        {
            Interlocked.Increment(ref _transactions);
        }
    }
}
