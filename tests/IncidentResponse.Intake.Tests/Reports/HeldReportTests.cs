using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Email;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Metrics;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Support;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Messaging;
using IncidentResponse.ServiceDefaults.Observability.Prometheus;
using IncidentResponse.ServiceDefaults.Redrive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>
/// A held report is stored without its announcement, the re-announcer leaves it alone, and confirming it
/// announces it once however often it is confirmed; a rejected one is never announced.
/// </summary>
public sealed class HeldReportTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Mail_from_an_unknown_sender_is_stored_held_without_an_announcement_and_the_reannouncer_skips_it()
    {
        using var database = await SqliteIntake.CreateAsync();
        var id = await ImportAsync(database, "attacker@spoof.example.net");

        await using (var check = database.NewContext())
        {
            var report = await check.Reports.SingleAsync(r => r.Id == id, Cancel);
            Assert.Equal(ReportStatuses.AwaitingConfirmation, report.Status);
            Assert.Contains("attacker@spoof.example.net", report.HoldReason, StringComparison.Ordinal);
            Assert.Equal(0, await check.OutboxMessages.CountAsync(Cancel));
        }

        Assert.Equal(0, await ReannounceAsync(database));
        await using var after = database.NewContext();
        Assert.Equal(0, await after.OutboxMessages.CountAsync(Cancel));
    }

    [Fact]
    public async Task Confirming_twice_announces_once_and_a_rejected_report_cannot_be_confirmed()
    {
        using var database = await SqliteIntake.CreateAsync();
        var confirmed = await ImportAsync(database, "a@spoof.example.net", "<c1@spoof.example.net>");
        var rejected = await ImportAsync(database, "b@spoof.example.net", "<r1@spoof.example.net>");
        var reviewer = new HeldReports.Reviewer("user:1", "Điều hành viên");

        await using (var db = database.NewContext())
        {
            var held = new HeldReports(db, TimeProvider.System);
            Assert.Equal(HeldReports.Outcome.Done, (await held.ConfirmAsync(confirmed, reviewer, null, Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.AlreadyDone, (await held.ConfirmAsync(confirmed, reviewer, null, Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.Done, (await held.RejectAsync(rejected, reviewer, "giả mạo", Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.Conflict, (await held.ConfirmAsync(rejected, reviewer, null, Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.Conflict, (await held.RejectAsync(confirmed, reviewer, "muộn", Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.NotFound, (await held.ConfirmAsync(Guid.NewGuid(), reviewer, null, Cancel)).Outcome);
        }

        await using var check = database.NewContext();
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Cancel));
        var report = await check.Reports.SingleAsync(r => r.Id == rejected, Cancel);
        Assert.Equal((ReportStatuses.Rejected, "user:1", "giả mạo"), (report.Status, report.ReviewedBy, report.ReviewNote));
        Assert.Equal(ReportStatuses.Received, (await check.Reports.SingleAsync(r => r.Id == confirmed, Cancel)).Status);
    }

    [Fact]
    public async Task The_held_reports_and_how_long_the_oldest_has_waited_are_served_as_metrics_until_decided()
    {
        using var database = await SqliteIntake.CreateAsync();
        await using var services = new ServiceCollection().AddScoped<IntakeDbContext>(_ => database.NewContext()).BuildServiceProvider();
        var metrics = new HostMetrics();
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(20)); // read 20 minutes after the mails came (stored at the system time)
        var probe = new IntakeMetricsProbe(services.GetRequiredService<IServiceScopeFactory>(), metrics, clock);

        await probe.RefreshAsync(Cancel);
        Assert.Equal((0.0, 0.0), await HeldAsync(metrics));

        var first = await ImportAsync(database, "a@spoof.example.net", "<h1@spoof.example.net>");
        var second = await ImportAsync(database, "b@spoof.example.net", "<h2@spoof.example.net>");
        await probe.RefreshAsync(Cancel);
        var (count, oldest) = await HeldAsync(metrics);
        Assert.Equal(2.0, count);
        Assert.InRange(oldest, 19 * 60, 21 * 60);

        await using (var db = database.NewContext())
        {
            var held = new HeldReports(db, TimeProvider.System);
            var reviewer = new HeldReports.Reviewer("user:1", "Điều hành viên");
            Assert.Equal(HeldReports.Outcome.Done, (await held.ConfirmAsync(first, reviewer, null, Cancel)).Outcome);
            Assert.Equal(HeldReports.Outcome.Done, (await held.RejectAsync(second, reviewer, "thư rác", Cancel)).Outcome);
        }

        // An alert a maintenance window holds waits for the window, not for a person: it must not page the office.
        await using (var db = database.NewContext())
        {
            var source = new AlertSource(Guid.NewGuid(), "Zabbix", AlertSource.EventsApiChannel, IncidentResponse.Access.Integrations.ResolveBehaviours.Resolve);
            var now = TimeProvider.System.GetUtcNow();
            db.MaintenanceWindows.Add(new MaintenanceWindow
            {
                Id = Guid.NewGuid(), IntegrationId = source.IntegrationId, StartsAt = now.AddMinutes(-1), EndsAt = now.AddHours(1), SeriesEndsAt = now.AddHours(1), Reason = "Nâng cấp",
                CreatedBy = "user:1", CreatedByName = "Điều phối viên", CreatedAt = now,
            });
            await db.SaveChangesAsync(Cancel);
            var alerts = new AlertIntake(db, new ReportInbox(db, TimeProvider.System), TimeProvider.System, Options.Create(new MachineIntakeOptions()));
            var outcome = await alerts.ApplyAsync(source, AlertAction.Trigger, "portal-down", "Cổng không phản hồi",
                () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
            Assert.Equal(AlertOutcome.Held, outcome.Result);
        }

        await probe.RefreshAsync(Cancel);
        Assert.Equal((0.0, 0.0), await HeldAsync(metrics));
    }

    private static async Task<(double Count, double OldestSeconds)> HeldAsync(HostMetrics metrics)
    {
        using var stream = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(stream, Cancel);
        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).Split('\n');
        double Value(string name) => double.Parse(lines.Single(l => l.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..],
            System.Globalization.CultureInfo.InvariantCulture);
        return (Value("ir_reports_awaiting_confirmation"), Value("ir_reports_awaiting_confirmation_oldest_seconds"));
    }

    private static async Task<Guid> ImportAsync(SqliteIntake database, string from, string messageId = "<m1@spoof.example.net>")
    {
        var message = new MimeMessage { Subject = "[TBSC] Xâm nhập", MessageId = messageId.Trim('<', '>'), Body = new TextPart("plain") { Text = "Cấp độ: 5\nISP: VNPT" } };
        message.From.Add(new MailboxAddress("Ban Chỉ đạo", from));
        await using var db = database.NewContext();
        var options = new EmailIntakeOptions { Host = "imap.example.invalid", UserName = "intake", KnownSenders = ["@vnpt.example.vn"] };
        var importer = new EmailImporter(new ReportInbox(db, TimeProvider.System), db, Options.Create(options), TimeProvider.System);
        return (await importer.ImportAsync(message, "uid:1:1", Cancel)).ReportId;
    }

    private static async Task<int> ReannounceAsync(SqliteIntake database)
    {
        var services = new ServiceCollection();
        services.AddScoped<IntakeDbContext>(_ => database.NewContext());
        await using var provider = services.BuildServiceProvider();
        var status = new DatabaseStatus();
        var reannouncer = new UntriagedReportsReannouncer(provider.GetRequiredService<IServiceScopeFactory>(),
            new RedriveClock(Options.Create(new MessagingOptions()), TimeProvider.System), status,
            Options.Create(new IntakeOptions { ReannounceAfter = TimeSpan.Zero }), TimeProvider.System, NullLogger<UntriagedReportsReannouncer>.Instance);
        return await reannouncer.RedriveAsync(Cancel);
    }
}
