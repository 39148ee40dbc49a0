using System.Data.Common;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>The one way in for reports, on a real (SQLite) intake database.</summary>
public sealed class ReportInboxTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("intake-inbox-").FullName;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_caller_that_goes_away_while_the_report_is_being_written_does_not_cancel_the_write()
    {
        var connection = $"Data Source={Path.Combine(_directory, "intake.db")};Pooling=False";
        await using (var setup = NewContext(connection))
        {
            await setup.Database.MigrateAsync(Cancel);
        }

        using var caller = new CancellationTokenSource();
        await using var db = NewContext(connection, new HangUpOnInsert(caller));
        var inbox = new ReportInbox(db, TimeProvider.System);

        var result = await inbox.AcceptAsync(ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, new ReportOrigin("api", "apikey:1", "test"), "key-1", "hash", caller.Token);

        Assert.True(caller.IsCancellationRequested); // the caller hung up during the INSERT
        var accepted = Assert.IsType<AcceptResult.Accepted>(result);
        await using var check = NewContext(connection);
        Assert.True(await check.Reports.AnyAsync(r => r.Id == accepted.ReportId, Cancel));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Cancel)); // and its announcement with it
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static SqliteIntakeDbContext NewContext(string connection, IInterceptor? interceptor = null)
    {
        var options = new DbContextOptionsBuilder<SqliteIntakeDbContext>();
        options.UseServiceProvider(DatabaseProvider.Sqlite, connection, IntakeDbContext.SchemaName);
        if (interceptor is not null)
        {
            options.AddInterceptors(interceptor);
        }

        return new SqliteIntakeDbContext(options.Options);
    }

    /// <summary>Cancels the caller's token as the report's INSERT is sent, as a client hanging up then would.</summary>
    private sealed class HangUpOnInsert(CancellationTokenSource caller) : DbCommandInterceptor
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
}
