using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>Cancels the caller's token as the first INSERT is sent, as a client hanging up then would.</summary>
public sealed class HangUpOnInsert(CancellationTokenSource caller) : DbCommandInterceptor
{
    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        HangUpIfInsert(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        HangUpIfInsert(command);
        return ValueTask.FromResult(result);
    }

    private void HangUpIfInsert(DbCommand command)
    {
        if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
        {
            caller.Cancel();
        }
    }
}
