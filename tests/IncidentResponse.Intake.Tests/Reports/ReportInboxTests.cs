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

        var result = await inbox.AcceptAsync(new Submission(ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, new ReportOrigin("api", "apikey:1", "test"), "key-1", "hash"), caller.Token);

        Assert.True(caller.IsCancellationRequested); // the caller hung up during the INSERT
        var accepted = Assert.IsType<AcceptResult.Accepted>(result);
        await using var check = database.NewContext();
        Assert.True(await check.Reports.AnyAsync(r => r.Id == accepted.ReportId, Cancel));
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Cancel)); // and its announcement with it
    }

    [Fact]
    public async Task A_database_error_that_is_not_the_idempotency_key_is_not_taken_for_a_race()
    {
        using var database = await SqliteIntake.CreateAsync();
        await using var db = database.NewContext();
        var inbox = new ReportInbox(db, TimeProvider.System);

        // Two files in one position break another unique index than the key's: the caller must see that error.
        var failed = await Assert.ThrowsAsync<DbUpdateException>(() => inbox.AcceptAsync(
            new Submission(ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, new ReportOrigin("email", "email:intake", "sender"), "msgid:x", "hash",
                Attachments: [Attachment(), Attachment()]), Cancel));

        Assert.False(ReportInbox.IsIdempotencyRace(failed));
        await using var check = database.NewContext();
        Assert.False(await check.Reports.AnyAsync(Cancel));
    }

    [Fact]
    public async Task A_request_that_loses_the_race_for_its_idempotency_key_gets_the_winners_report()
    {
        using var database = await SqliteIntake.CreateAsync();
        var report = ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!;
        var origin = new ReportOrigin("api", "apikey:1", "test");
        Guid? winner = null;

        // The winner commits between the loser's look-up of the key and its own INSERT.
        await using var db = database.NewContext(new BeforeFirstSave(async () =>
        {
            await using var other = database.NewContext();
            var won = await new ReportInbox(other, TimeProvider.System).AcceptAsync(new Submission(report, origin, "key-1", "hash"), Cancel);
            winner = Assert.IsType<AcceptResult.Accepted>(won).ReportId;
        }));
        var result = await new ReportInbox(db, TimeProvider.System).AcceptAsync(new Submission(report, origin, "key-1", "hash"), Cancel);

        var accepted = Assert.IsType<AcceptResult.Accepted>(result);
        Assert.True(accepted.Replayed);
        Assert.Equal(winner, accepted.ReportId);
        await using var check = database.NewContext();
        Assert.Equal(1, await check.Reports.CountAsync(Cancel));
    }

    [Fact]
    public async Task A_sender_name_longer_than_its_column_is_cut_the_same_way_every_time()
    {
        using var database = await SqliteIntake.CreateAsync();
        var report = ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!;
        var origin = new ReportOrigin("email", "email:" + new string('i', 300), new string('n', 300));

        await using var db = database.NewContext();
        var first = Assert.IsType<AcceptResult.Accepted>(await new ReportInbox(db, TimeProvider.System).AcceptAsync(new Submission(report, origin, "key-1", "hash"), Cancel));
        await using var again = database.NewContext();
        var second = Assert.IsType<AcceptResult.Accepted>(await new ReportInbox(again, TimeProvider.System).AcceptAsync(new Submission(report, origin, "key-1", "hash"), Cancel));

        Assert.Equal(first.ReportId, second.ReportId); // found again by its (cut) submitter and key
        await using var check = database.NewContext();
        var stored = await check.Reports.SingleAsync(Cancel);
        Assert.Equal((StoredReport.MaxSubmittedBy, StoredReport.MaxSubmittedByName), (stored.SubmittedBy.Length, stored.SubmittedByName.Length));
    }

    private static ReportAttachment Attachment() => new()
    {
        Id = Guid.NewGuid(),
        Position = 1,
        FileName = "a.txt",
        ContentType = "text/plain",
        Sha256 = new string('0', 64),
    };
}
