using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Support;

/// <summary>A test's hook into the commands a context sends: <paramref name="seen"/> runs as each is sent.</summary>
public sealed class CommandWatch(Action<DbCommand> seen) : DbCommandInterceptor
{
    /// <summary>Cancels the caller's token as an INSERT is sent, as a client hanging up then would.</summary>
    public static CommandWatch HangUpOnInsert(CancellationTokenSource caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return new(command =>
        {
            if (command.CommandText.Contains("INSERT", StringComparison.OrdinalIgnoreCase))
            {
                caller.Cancel();
            }
        });
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        seen(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        seen(command);
        return ValueTask.FromResult(result);
    }
}
