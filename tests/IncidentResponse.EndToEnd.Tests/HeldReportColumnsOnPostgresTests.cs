using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// On PostgreSQL, which holds every column to its length, a held report keeps its reason and its reviewer's
/// name and note at their longest, and a confirmation moves it and writes its announcement in one transaction.
/// </summary>
public sealed class HeldReportColumnsOnPostgresTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_held_report_with_the_longest_reason_reviewer_and_note_is_stored_and_confirmed_once()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = await infrastructure.CreateDatabaseAsync(TestNames.Unique("intake-held-columns"));
        var options = new DbContextOptionsBuilder<PostgresIntakeDbContext>();
        options.UseServiceProvider(DatabaseProvider.Postgres, connection, IntakeDbContext.SchemaName);
        var reason = new string('ệ', 2 * StoredReport.MaxHoldReason);
        var note = new string('ữ', StoredReport.MaxReviewNote);
        var reviewer = new HeldReports.Reviewer(new string('u', 300), new string('Đ', 300));
        var request = new ReportRequest("Thư lạ", "Nội dung.", null, "AMBER", null, null, null, null, null, null, null, null, null, null, null, null, null);
        var (report, _) = ReportValidation.Validate(request, TimeProvider.System.GetUtcNow());
        Guid id;

        await using (var db = new PostgresIntakeDbContext(options.Options))
        {
            await db.Database.MigrateAsync(cancel);
            (id, _) = new ReportInbox(db, TimeProvider.System).Stage(report!, new ReportOrigin("email", "email:intake", "Người lạ"), holdReason: reason);
            await db.SaveChangesAsync(cancel);
        }

        await using (var db = new PostgresIntakeDbContext(options.Options))
        {
            var held = new HeldReports(db, TimeProvider.System);
            Assert.Equal(HeldReports.Outcome.Done, (await held.ConfirmAsync(id, reviewer, note, cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.AlreadyDone, (await held.ConfirmAsync(id, reviewer, note, cancel)).Outcome);
        }

        await using (var db = new PostgresIntakeDbContext(options.Options))
        {
            var stored = await db.Reports.SingleAsync(r => r.Id == id, cancel);
            Assert.Equal(ReportStatuses.Received, stored.Status);
            Assert.Equal(StoredReport.MaxHoldReason, stored.HoldReason!.Length);
            Assert.Equal(note, stored.ReviewNote);
            Assert.Equal((StoredReport.MaxSubmittedBy, StoredReport.MaxSubmittedByName), (stored.ReviewedBy!.Length, stored.ReviewedByName!.Length));
            Assert.NotNull(stored.ReviewedAt);
            Assert.Equal(1, await db.OutboxMessages.CountAsync(cancel));
        }
    }
}
