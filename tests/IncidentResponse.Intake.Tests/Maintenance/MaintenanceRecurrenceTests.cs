using IncidentResponse.Access.Integrations;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Maintenance;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Reports;
using IncidentResponse.Intake.Tests.Support;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Intake.Tests.Maintenance;

/// <summary>
/// A repeating maintenance window (an RRULE read in the committee's time zone) holds alerts during each occurrence only, is
/// refused when it would never end or repeat too often, and releases an alert still open between two occurrences.
/// </summary>
public sealed class MaintenanceRecurrenceTests
{
    /// <summary>Sunday 6 December 2026, 22:00 in Vietnam.</summary>
    private static readonly DateTimeOffset SundayNight = new(2026, 12, 6, 22, 0, 0, TimeSpan.FromHours(7));

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void A_weekly_window_is_in_force_during_each_occurrence_only_and_not_after_its_last()
    {
        var window = Weekly(count: 3);

        Assert.True(window.IsActiveAt(SundayNight.AddHours(1)));
        Assert.False(window.IsActiveAt(SundayNight.AddHours(4))); // its end is not in it
        Assert.False(window.IsActiveAt(SundayNight.AddDays(3)));
        Assert.Equal((SundayNight.AddDays(7), SundayNight.AddDays(7).AddHours(4)), window.OccurrenceAt(SundayNight.AddDays(7).AddHours(3).AddMinutes(59)));
        Assert.True(window.IsActiveAt(SundayNight.AddDays(14)));
        Assert.False(window.IsActiveAt(SundayNight.AddDays(21).AddHours(1))); // a fourth Sunday: COUNT=3
        Assert.Equal(SundayNight.AddDays(14).AddHours(4), window.SeriesEndsAt);

        window.EndedAt = SundayNight.AddDays(8);
        Assert.False(window.IsActiveAt(SundayNight.AddDays(14).AddHours(1))); // ended by a person
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;BYDAY=SU", "COUNT hoặc UNTIL")]
    [InlineData("FREQ=HOURLY;COUNT=5", "hằng ngày")]
    [InlineData("FREQ=DAILY;COUNT=400", "366")]
    [InlineData("FREQ=WEEKLY;UNTIL=20300101T000000Z", "366")]
    [InlineData("every sunday", "RRULE")]
    [InlineData("FREQ=DAILY;COUNT=99999999999", "RRULE")]
    [InlineData("FREQ=WEEKLY;BYDAY=SA;COUNT=4", "Lần đầu phải đúng")] // declared on a Sunday: the first Saturday is not it
    [InlineData("FREQ=DAILY;BYHOUR=22,23;COUNT=4", "ít nhất một ngày")] // twice a night is a longer window in disguise
    [InlineData("FREQ=DAILY;BYHOUR=22;BYMINUTE=0,30;COUNT=4", "ít nhất một ngày")]
    [InlineData("FREQ=DAILY;UNTIL=20270131", "UNTIL cần có giờ")]
    [InlineData("FREQ=DAILY;UNTIL=20261201T000000Z", "")] // ends before it starts
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30;COUNT=2", "")] // no such day: refused, and quickly
    public void A_rule_that_never_ends_repeats_too_often_or_is_no_rule_is_refused_with_why(string rule, string why)
    {
        var (end, error) = MaintenanceRecurrence.SeriesEnd(rule, SundayNight, SundayNight.AddHours(4));

        Assert.Null(end);
        Assert.NotNull(error);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_alert_of_a_weekly_window_is_held_in_an_occurrence_released_between_two_and_held_again_in_the_next()
    {
        using var database = await SqliteIntake.CreateAsync();
        var window = Weekly(count: 4);
        var source = new AlertSource(window.IntegrationId, "Zabbix", AlertSource.EventsApiChannel, ResolveBehaviours.Resolve);
        await using (var setup = database.Context())
        {
            setup.MaintenanceWindows.Add(window);
            await setup.SaveChangesAsync(Cancel);
        }

        var clock = new FakeTimeProvider(SundayNight.AddHours(1));
        await using var db = database.Context();
        var alerts = new AlertIntake(db, new ReportInbox(db, clock), clock, Options.Create(new MachineIntakeOptions()));
        Task<AlertOutcome> Apply(string key, AlertAction action = AlertAction.Trigger) => alerts.ApplyAsync(
            source, action, key, "Sao lưu", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);

        var first = await Apply("backup-1");
        Assert.Equal(AlertOutcome.Held, first.Result);
        await using (var check = database.Context())
        {
            // The hold names the end of this occurrence, not of the series.
            Assert.Contains("07/12/2026 02:00 (UTC+07:00)", (await check.Reports.FindAsync([first.ReportId], Cancel))!.HoldReason, StringComparison.Ordinal);
        }

        clock.Advance(TimeSpan.FromHours(2)); // still in the occurrence
        Assert.Empty(await ReleaseAsync(database, clock));
        clock.Advance(TimeSpan.FromDays(2)); // between two Sundays: still firing, so it is an incident
        Assert.Equal([first.ReportId!.Value], await ReleaseAsync(database, clock));

        clock.SetUtcNow(SundayNight.AddDays(7).AddMinutes(30)); // the next Sunday night
        Assert.Equal(AlertOutcome.Held, (await Apply("backup-2")).Result);
    }

    [Fact]
    public async Task Alerts_a_series_holds_now_do_not_keep_the_release_from_an_alert_whose_window_is_over()
    {
        using var database = await SqliteIntake.CreateAsync();
        var weekly = Weekly(count: 4);
        var once = new MaintenanceWindow
        {
            Id = Guid.NewGuid(), IntegrationId = Guid.NewGuid(), StartsAt = SundayNight, EndsAt = SundayNight.AddMinutes(30), SeriesEndsAt = SundayNight.AddMinutes(30),
            Reason = "Đổi cáp", CreatedBy = "user:1", CreatedByName = "Điều phối viên", CreatedAt = SundayNight,
        };
        await using (var setup = database.Context())
        {
            setup.MaintenanceWindows.AddRange(weekly, once);
            await setup.SaveChangesAsync(Cancel);
        }

        var clock = new FakeTimeProvider(SundayNight.AddMinutes(5));
        await using var db = database.Context();
        var alerts = new AlertIntake(db, new ReportInbox(db, clock), clock, Options.Create(new MachineIntakeOptions()));
        var backups = new AlertSource(weekly.IntegrationId, "Sao lưu", AlertSource.EventsApiChannel, ResolveBehaviours.Resolve);
        for (var i = 0; i < MaintenanceRelease.Batch + 5; i++) // more held by the series, and older, than one look takes
        {
            await alerts.ApplyAsync(backups, AlertAction.Trigger, $"disk-{i}", "Ổ đĩa bận", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var cable = new AlertSource(once.IntegrationId, "Đường truyền", AlertSource.EventsApiChannel, ResolveBehaviours.Resolve);
        var link = await alerts.ApplyAsync(cable, AlertAction.Trigger, "link", "Mất kết nối", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);
        Assert.Equal(AlertOutcome.Held, link.Result);

        clock.Advance(TimeSpan.FromMinutes(30)); // the cable's window is over; the backups' occurrence goes on
        Assert.Equal([link.ReportId!.Value], await ReleaseAsync(database, clock));
    }

    [Theory]
    [InlineData("FREQ=WEEKLY;COUNT=52", 7 * 24)] // a week long, every week: a year of silence in 52 pieces
    [InlineData("FREQ=DAILY;COUNT=30", 24)]
    [InlineData("FREQ=DAILY;COUNT=30", 23.5)] // half an hour between: released for too short a time to count
    public void Occurrences_end_to_end_are_refused_as_a_longer_window_in_disguise(string rule, double hours)
    {
        var (end, error) = MaintenanceRecurrence.SeriesEnd(rule, SundayNight, SundayNight.AddHours(hours));

        Assert.Null(end);
        Assert.Contains("ít nhất một giờ sau khi lần trước kết thúc", error, StringComparison.Ordinal);
    }

    private static MaintenanceWindow Weekly(int count)
    {
        var rule = $"FREQ=WEEKLY;BYDAY=SU;COUNT={count}";
        var (end, error) = MaintenanceRecurrence.SeriesEnd(rule, SundayNight, SundayNight.AddHours(4));
        Assert.Null(error);
        return new MaintenanceWindow
        {
            Id = Guid.NewGuid(),
            IntegrationId = Guid.NewGuid(),
            StartsAt = SundayNight,
            EndsAt = SundayNight.AddHours(4),
            Recurrence = rule,
            SeriesEndsAt = end!.Value,
            Reason = "Sao lưu hằng tuần",
            CreatedBy = "user:1",
            CreatedByName = "Điều phối viên",
            CreatedAt = SundayNight.AddDays(-1),
        };
    }

    private static async Task<List<Guid>> ReleaseAsync(SqliteIntake database, TimeProvider clock)
    {
        await using var db = database.Context();
        return [.. (await MaintenanceRelease.ReleaseDueAsync(db, new HeldReports(db, clock), clock.GetUtcNow(), Cancel)).Select(r => r.ReportId)];
    }
}
