using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>The one way in for reports, on a real (SQLite) intake database.</summary>
public sealed class ReportInboxTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_caller_that_goes_away_while_the_report_is_being_written_does_not_cancel_the_write()
    {
        using var database = await SqliteIntake.CreateAsync();
        using var caller = new CancellationTokenSource();
        await using var db = database.NewContext(CommandWatch.HangUpOnInsert(caller));
        var inbox = new ReportInbox(db, TimeProvider.System);

        var result = await inbox.AcceptAsync(ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, new ReportOrigin("api", "apikey:1", "test"), "key-1", "hash", caller.Token);

        Assert.True(caller.IsCancellationRequested); // the caller hung up during the INSERT
        var accepted = Assert.IsType<AcceptResult.Accepted>(result);
        await using var check = database.NewContext();
        Assert.True(await check.Reports.AnyAsync(r => r.Id == accepted.ReportId, Cancel));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Cancel)); // and its announcement with it
    }
}
