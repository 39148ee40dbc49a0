using System.Text.Json;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Contracts.Alerts;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Heartbeats;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Reports;
using IncidentResponse.Intake.Tests.Support;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Intake.Tests.Maintenance;

/// <summary>
/// A maintenance window holds the new alerts of its integration (no announcement, so no incident and no page), counts their
/// later events quietly, rejects a held report whose source resolved, and releases one still open once every window of its
/// integration is over, once however often it looks; on SQLite and PostgreSQL.
/// </summary>
public sealed class MaintenanceHoldTests(PostgresServer postgres)
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static TheoryData<string> Both => [Providers.Sqlite, Providers.Postgres];

    [Theory]
    [MemberData(nameof(Both))]
    public async Task An_alert_opened_in_a_window_is_held_counted_quietly_and_released_once_when_every_window_is_over(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(Start);
        var (portal, other) = (Source("Zabbix cổng dịch vụ công"), Source("Prometheus"));
        await using (var setup = database.Context())
        {
            setup.MaintenanceWindows.AddRange(
                Window(portal, Start.AddMinutes(-1), Start.AddHours(1), "Nâng cấp máy chủ cổng dịch vụ công"),
                Window(portal, Start.AddMinutes(50), Start.AddHours(2), "Kéo dài: chuyển dữ liệu"), // declared before the first ends
                Window(other, Start.AddHours(3), Start.AddHours(4), "Sau này")); // planned: holds nothing yet
            await setup.SaveChangesAsync(Cancel);
        }

        await using var db = database.Context();
        var alerts = Intake(db, clock);
        Task<AlertOutcome> Apply(AlertSource source, AlertAction action) => alerts.ApplyAsync(
            source, action, "portal-down", "Cổng dịch vụ công không phản hồi", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);

        var held = await Apply(portal, AlertAction.Trigger);
        Assert.Equal(AlertOutcome.Held, held.Result);
        Assert.Equal(AlertOutcome.Opened, (await Apply(other, AlertAction.Trigger)).Result);
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(AlertOutcome.Repeated, (await Apply(portal, AlertAction.Trigger)).Result);
        Assert.Equal(AlertOutcome.Repeated, (await Apply(portal, AlertAction.Trigger)).Result);
        Assert.Equal(AlertOutcome.Acknowledged, (await Apply(portal, AlertAction.Acknowledge)).Result);

        await using (var check = database.Context())
        {
            var report = await check.Reports.AsNoTracking().SingleAsync(r => r.Id == held.ReportId, Cancel);
            Assert.Equal(ReportStatuses.AwaitingConfirmation, report.Status);
            Assert.Contains("Nâng cấp máy chủ cổng dịch vụ công", report.HoldReason, StringComparison.Ordinal);
            Assert.Contains("06/12/2026 09:00 (UTC+07:00)", report.HoldReason, StringComparison.Ordinal); // the window's end, the committee's time
        }

        // Only the other source's report was announced; the held alert's events told nobody.
        Assert.Equal([(nameof(ReportsReceived), "Prometheus")], await AnnouncedAsync(database));

        clock.Advance(TimeSpan.FromMinutes(55)); // the first window is over, the second holds on
        Assert.Empty(await ReleaseAsync(database, clock));
        clock.Advance(TimeSpan.FromHours(1)); // every window of the source is over
        Assert.Equal([held.ReportId!.Value], await ReleaseAsync(database, clock));
        Assert.Empty(await ReleaseAsync(database, clock));

        await using (var check = database.Context())
        {
            var report = await check.Reports.AsNoTracking().SingleAsync(r => r.Id == held.ReportId, Cancel);
            Assert.Equal((ReportStatuses.Received, MaintenanceHolds.SystemActor, Start), (report.Status, report.ReviewedBy, report.ReceivedAt));
        }

        Assert.Equal([(nameof(ReportsReceived), "Prometheus"), (nameof(ReportsReceived), "Zabbix cổng dịch vụ công")], await AnnouncedAsync(database));
        var received = (await MessagesAsync(database)).OfType<ReportsReceived>().SelectMany(m => m.Reports).Single(r => r.ReportId == held.ReportId);
        Assert.Equal(Start, received.ReceivedAt); // detected when it first came: legal clocks are not paused

        // The acknowledgement made while held is told with the release, and the alert is an ordinary one again.
        Assert.Equal([(ExternalAlertChanges.Acknowledged, 3, 2)], await ChangesAsync(database));
        Assert.Equal(AlertOutcome.Repeated, (await Apply(portal, AlertAction.Trigger)).Result);
        Assert.Equal([(ExternalAlertChanges.Acknowledged, 3, 2), (ExternalAlertChanges.Repeated, 4, 1)], await ChangesAsync(database));
        Assert.All((await MessagesAsync(database)).OfType<ExternalAlertChanged>(), c => Assert.Equal(held.ReportId, c.ReportId));
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_held_alert_a_person_rejects_is_closed_so_a_trigger_after_the_window_opens_an_incident(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(Start);
        var source = await SourceInWindowAsync(database, "Zabbix");

        await using var db = database.Context();
        var alerts = Intake(db, clock);
        Task<AlertOutcome> Apply() => alerts.ApplyAsync(
            source, AlertAction.Trigger, "link-down", "Mất kết nối", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);

        var held = await Apply();
        await using (var decide = database.Context())
        {
            var (outcome, _) = await new HeldReports(decide, clock).RejectAsync(held.ReportId!.Value, new HeldReports.Reviewer("user:1", "Trực ban"), "Do bảo trì", Cancel);
            Assert.Equal(HeldReports.Outcome.Done, outcome);
        }

        await using (var check = database.Context())
        {
            Assert.Null((await check.Alerts.AsNoTracking().SingleAsync(a => a.Id == held.AlertId, Cancel)).OpenKey);
        }

        clock.Advance(TimeSpan.FromHours(2));
        Assert.Empty(await ReleaseAsync(database, clock));
        var after = await Apply();
        Assert.Equal(AlertOutcome.Opened, after.Result); // not counted on the dismissed alert for ever
        Assert.Equal([(nameof(ReportsReceived), "Zabbix")], await AnnouncedAsync(database));
    }

    [Fact]
    public async Task A_resolve_racing_the_release_sees_the_release_and_is_told_to_triage_on_PostgreSQL()
    {
        using var database = await Providers.CreateAsync(Providers.Postgres, postgres);
        var clock = new FakeTimeProvider(Start);
        var source = await SourceInWindowAsync(database, "Zabbix");

        AlertOutcome held;
        await using (var first = database.Context())
        {
            held = await Intake(first, clock).ApplyAsync(
                source, AlertAction.Trigger, "link-down", "Mất kết nối", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
        }

        clock.Advance(TimeSpan.FromHours(2)); // the window is over; the release has not looked yet
        var raced = 0;
        // Another Host's release commits just before the resolve first writes the report's row.
        var watch = new CommandWatch(c =>
        {
            if (c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) && c.CommandText.Contains("reports", StringComparison.Ordinal)
                && Interlocked.Exchange(ref raced, 1) == 0)
            {
                Assert.Single(ReleaseAsync(database, clock).GetAwaiter().GetResult());
            }
        });
        await using var db = database.Context(watch);
        var resolved = await Intake(db, clock).ApplyAsync(
            source, AlertAction.Resolve, "link-down", "Đã khôi phục", () => throw new InvalidOperationException("a resolve files no report"), Cancel);

        Assert.Equal((1, AlertOutcome.Resolved), (raced, resolved.Result));
        await using var check = database.Context();
        Assert.Equal(ReportStatuses.Received, (await check.Reports.AsNoTracking().SingleAsync(r => r.Id == held.ReportId, Cancel)).Status);
        Assert.Equal([(nameof(ReportsReceived), "Zabbix")], await AnnouncedAsync(database));
        Assert.Equal([(ExternalAlertChanges.Resolved, 1, 0)], await ChangesAsync(database)); // the incident it opens is closed by it
    }

    [Theory]
    [MemberData(nameof(Both))]
    public async Task A_source_resolving_a_held_alert_rejects_its_report_and_a_trigger_after_the_window_opens_an_incident(string provider)
    {
        using var database = await Providers.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(Start);
        var source = await SourceInWindowAsync(database, "Zabbix");

        await using var db = database.Context();
        var alerts = Intake(db, clock);
        Task<AlertOutcome> Apply(AlertAction action) => alerts.ApplyAsync(
            source, action, "link-down", "Mất kết nối", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);

        var held = await Apply(AlertAction.Trigger);
        clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(AlertOutcome.Resolved, (await Apply(AlertAction.Resolve)).Result);
        await using (var check = database.Context())
        {
            var report = await check.Reports.AsNoTracking().SingleAsync(r => r.Id == held.ReportId, Cancel);
            Assert.Equal((ReportStatuses.Rejected, $"{MaintenanceHolds.ResolvedNote}: Mất kết nối"), (report.Status, report.ReviewNote)); // what the resolve said
        }

        clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await ReleaseAsync(database, clock));
        Assert.Empty(await AnnouncedAsync(database));

        var after = await Apply(AlertAction.Trigger);
        Assert.Equal(AlertOutcome.Opened, after.Result);
        Assert.NotEqual(held.AlertId, after.AlertId);
        Assert.Equal([(nameof(ReportsReceived), "Zabbix")], await AnnouncedAsync(database));
    }

    [Fact]
    public async Task A_missed_heartbeat_a_person_rejects_is_watched_again_from_then()
    {
        using var database = await SqliteIntake.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var source = new AlertSource(Guid.NewGuid(), "Cổng CSDL", AlertSource.HeartbeatChannel, ResolveBehaviours.Annotate);
        await using (var setup = database.Context())
        {
            setup.MaintenanceWindows.Add(Window(source, Start, Start.AddHours(1), "Sao lưu"));
            setup.Heartbeats.Add(new Heartbeat
            {
                Name = "portal-db", IntegrationId = source.IntegrationId, IntervalSeconds = 60, Status = HeartbeatStatuses.Missed,
                CreatedAt = Start.AddDays(-1), DueAt = Start.AddMinutes(-1), MissedAt = Start,
            });
            await setup.SaveChangesAsync(Cancel);
        }

        Guid reportId;
        await using (var db = database.Context())
        {
            var held = await Intake(db, clock).ApplyAsync(
                source, AlertAction.Trigger, HeartbeatAlerts.DedupKey("portal-db"), "Mất tín hiệu", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
            Assert.Equal(AlertOutcome.Held, held.Result);
            reportId = held.ReportId!.Value;
        }

        clock.Advance(TimeSpan.FromMinutes(10));
        await using (var decide = database.Context())
        {
            Assert.Equal(HeldReports.Outcome.Done,
                (await new HeldReports(decide, clock).RejectAsync(reportId, new HeldReports.Reviewer("user:1", "Trực ban"), "Do sao lưu", Cancel)).Outcome);
        }

        await using var check = database.Context();
        var heartbeat = await check.Heartbeats.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal((HeartbeatStatuses.Waiting, Start.AddMinutes(11), (DateTimeOffset?)null), (heartbeat.Status, heartbeat.DueAt, heartbeat.MissedAt));
        Assert.Null((await check.Alerts.AsNoTracking().SingleAsync(Cancel)).OpenKey);
    }

    [Fact]
    public async Task A_release_waits_for_an_event_holding_the_reports_lock_and_then_finds_it_decided_on_PostgreSQL()
    {
        using var database = await postgres.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(Start);
        var source = await SourceInWindowAsync(database, "Zabbix");

        AlertOutcome held;
        await using (var first = database.Context())
        {
            held = await Intake(first, clock).ApplyAsync(
                source, AlertAction.Trigger, "link-down", "Mất kết nối", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
        }

        clock.Advance(TimeSpan.FromHours(2)); // the window is over; the source resolves as the release looks
        Task<List<Guid>>? release = null;
        var lockTaken = 0;
        // Once the resolve holds the report's row, another Host's release starts and must wait for it (not deadlock, not win).
        var watch = new CommandWatch(c =>
        {
            if (c.CommandText.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) && c.CommandText.Contains("reports", StringComparison.Ordinal))
            {
                Interlocked.Exchange(ref lockTaken, 1);
            }
            else if (Volatile.Read(ref lockTaken) == 1 && release is null)
            {
                release = Task.Run(() => ReleaseAsync(database, clock));
                WaitingOnLockAsync(database.ConnectionString).GetAwaiter().GetResult();
            }
        });
        await using var db = database.Context(watch);
        var resolved = await Intake(db, clock).ApplyAsync(
            source, AlertAction.Resolve, "link-down", "Đã khôi phục", () => throw new InvalidOperationException("a resolve files no report"), Cancel);

        Assert.Equal(AlertOutcome.Resolved, resolved.Result);
        Assert.NotNull(release);
        Assert.Empty(await release.WaitAsync(TimeSpan.FromSeconds(30), Cancel)); // it found the report decided
        await using var check = database.Context();
        Assert.Equal(ReportStatuses.Rejected, (await check.Reports.AsNoTracking().SingleAsync(r => r.Id == held.ReportId, Cancel)).Status);
        Assert.Empty(await AnnouncedAsync(database));
        Assert.Empty(await ChangesAsync(database));
    }

    /// <summary>Waits until a statement on the intake's reports waits for a row lock in that database.</summary>
    private static async Task WaitingOnLockAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(Cancel);
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%reports%'", connection);
        for (var i = 0; i < 300; i++)
        {
            if ((long)(await command.ExecuteScalarAsync(Cancel))! > 0)
            {
                return;
            }

            await Task.Delay(100, Cancel);
        }

        throw new TimeoutException("the release never waited for the report's lock");
    }

    private static AlertIntake Intake(IntakeDbContext db, TimeProvider clock) => new(db, new ReportInbox(db, clock), clock, Options.Create(new MachineIntakeOptions()));

    /// <summary>A source with a window from <see cref="Start"/> for an hour.</summary>
    private static async Task<AlertSource> SourceInWindowAsync(IIntakeDatabase database, string name)
    {
        var source = Source(name);
        await using var setup = database.Context();
        setup.MaintenanceWindows.Add(Window(source, Start, Start.AddHours(1), "Thay thiết bị mạng"));
        await setup.SaveChangesAsync(Cancel);
        return source;
    }

    private static AlertSource Source(string name) => new(Guid.NewGuid(), name, AlertSource.EventsApiChannel, ResolveBehaviours.Resolve);

    private static MaintenanceWindow Window(AlertSource source, DateTimeOffset from, DateTimeOffset until, string reason) => new()
    {
        Id = Guid.NewGuid(),
        IntegrationId = source.IntegrationId,
        StartsAt = from,
        EndsAt = until,
        SeriesEndsAt = until,
        Reason = reason,
        CreatedBy = "user:1",
        CreatedByName = "Điều phối viên",
        CreatedAt = from,
    };

    private static async Task<List<Guid>> ReleaseAsync(IIntakeDatabase database, TimeProvider clock)
    {
        await using var db = database.Context();
        return [.. (await MaintenanceRelease.ReleaseDueAsync(db, new HeldReports(db, clock), clock.GetUtcNow(), Cancel)).Select(r => r.ReportId)];
    }

    private static async Task<List<object>> MessagesAsync(IIntakeDatabase database)
    {
        await using var db = database.Context();
        return [.. (await db.OutboxMessages.AsNoTracking().ToListAsync(Cancel)).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .Select(m => JsonSerializer.Deserialize(m.Body, OutboxSerializer.ResolveType(m.MessageType), OutboxSerializer.Options)!)];
    }

    private static async Task<List<(string Change, int Triggers, int Unannounced)>> ChangesAsync(IIntakeDatabase database) =>
        [.. (await MessagesAsync(database)).OfType<ExternalAlertChanged>().Select(c => (c.Change, c.Triggers, c.Unannounced))];

    /// <summary>The reports announced to triage, by their source, in order.</summary>
    private static async Task<List<(string Type, string Source)>> AnnouncedAsync(IIntakeDatabase database) =>
        [.. (await MessagesAsync(database)).OfType<ReportsReceived>().SelectMany(m => m.Reports).Select(r => (nameof(ReportsReceived), r.SubmittedBy))];
}
