using IncidentResponse.Contracts.Periodic;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Periodic;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Triage.Tests.Periodic;

/// <summary>
/// The periodic reports remind the standing office (legal regimes 2026.6: 14 and 3 days before, overdue, again a week later, then
/// the host department after two weeks) once per stage, on a fake clock: nothing before its time, nothing for a report recorded,
/// of the reminders before the due time the latest only after a gap and none stale, and the overdue alerts one step at a time,
/// spaced from a late one (a new deployment, a Host that was down).
/// </summary>
public sealed class PeriodicRemindersTests
{
    private static readonly string[] Kinds = ["mau-05-half-year", "mau-05-year"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_stage_is_sent_once_in_its_time_until_the_report_is_recorded()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

        // A new deployment in June: last year's two are long overdue, which each says once (their stale reminders before the
        // due time are recorded, not sent); this year's are not due yet.
        Assert.Equal(2, await SweepAsync(database, clock));
        Assert.Equal(0, await SweepAsync(database, clock));
        await using (var db = database.NewContext())
        {
            // Each: two reminders before, recorded, and the overdue alert, sent. Nobody was ever told these were overdue, so
            // the first alert goes, to the standing office, not the last step's escalation to the department; the next step
            // comes a week after it (2026.6 spaces them a week), not at once because its time by the rules is long past.
            var passed = await db.PeriodicReminders.AsNoTracking().ToListAsync(Cancel);
            Assert.Equal(6, passed.Count);
            Assert.All(passed, r => Assert.Equal((2025, r.Stage == PeriodicReportReminder.Overdue), (r.Year, r.Sent)));
            var week = clock.GetUtcNow().AddDays(7);
            Assert.Equal([(2025, "overdue", "bcd-bn", (DateTimeOffset?)week, "bcd-bn"), (2025, "overdue", "bcd-bn", week, "bcd-bn")],
                (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Select(r => (r.Year, r.Stage, r.NotifyUnit, r.NextAlertAt, r.NextAlertUnit)));
        }

        await WaiveAsync(database, 2025, clock); // as the board asks of a new deployment: they were owed before the system ran

        clock.SetUtcNow(new DateTimeOffset(2026, 6, 6, 0, 0, 0, TimeSpan.Zero)); // 14 days before 20/6 00:00 (+07) came at 5/6 17:00Z
        Assert.Equal(1, await SweepAsync(database, clock));
        Assert.Equal(0, await SweepAsync(database, clock)); // another sweep, another Host: nothing more

        clock.SetUtcNow(new DateTimeOffset(2026, 6, 17, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await SweepAsync(database, clock));

        await using (var db = database.NewContext())
        {
            var sent = (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Where(r => r.Year == 2026).ToList();
            Assert.Equal(["before-P14D", "before-P3D"], sent.Select(r => r.Stage));
            Assert.All(sent, r => Assert.Equal(("mau-05-half-year", 2026, "bcd-bn", new DateTimeOffset(2026, 6, 19, 17, 0, 0, TimeSpan.Zero)),
                (r.Kind, r.Year, r.NotifyUnit, r.DueAt)));
            Assert.Equal("Báo cáo tổng hợp tình hình sự cố 6 tháng đầu năm (Mẫu 05)", sent[0].NameVi);
            db.PeriodicReports.Add(new PeriodicReportRecord
            {
                Id = PeriodicReports.IdOf("mau-05-half-year", 2026), Kind = "mau-05-half-year", Year = 2026, State = DutyStates.Submitted,
                At = clock.GetUtcNow(), ById = "test", By = "Văn phòng thường trực",
            });
            await db.SaveChangesAsync(Cancel);
        }

        clock.SetUtcNow(new DateTimeOffset(2026, 6, 21, 0, 0, 0, TimeSpan.Zero)); // past due, but submitted: no overdue alert
        Assert.Equal(0, await SweepAsync(database, clock));

        // The Host was down from November to 18/12: of the annual report's three stages only "overdue" goes.
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 18, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await SweepAsync(database, clock));
        await using (var db = database.NewContext())
        {
            var annual = (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Where(r => r.Kind == "mau-05-year" && r.Year == 2026).ToList();
            Assert.Equal(PeriodicReportReminder.Overdue, Assert.Single(annual).Stage);
            var records = await db.PeriodicReminders.AsNoTracking().Where(r => r.Kind == "mau-05-year" && r.Year == 2026).OrderBy(r => r.StageAt).ToListAsync(Cancel);
            Assert.Equal([("before-P14D", false), ("before-P3D", false), ("overdue", true)], records.Select(r => (r.Stage, r.Sent)));
        }
    }

    [Fact]
    public async Task An_overdue_report_is_alerted_again_after_a_week_then_the_host_department_after_two()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var due = new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero); // 15/12/2026 00:00 in Hà Nội
        var clock = new FakeTimeProvider(due.AddDays(-15));
        Assert.Equal(3, await SweepAsync(database, clock)); // last year's two and this year's half-year report, once each, as a new deployment does
        await WaiveAsync(database, 2025, clock);
        await WaiveAsync(database, 2026, clock, "mau-05-half-year");

        clock.SetUtcNow(due.AddMinutes(10)); // a sweep's delay: the next step keeps its own time
        Assert.Equal(1, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(7).AddMinutes(-1));
        Assert.Equal(0, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(7));
        Assert.Equal(1, await SweepAsync(database, clock));
        Assert.Equal(0, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(14));
        Assert.Equal(1, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(60));
        Assert.Equal(0, await SweepAsync(database, clock)); // the last one was the last

        await using var db = database.NewContext();
        var annual = (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Where(r => r.Kind == "mau-05-year" && r.Year == 2026).ToList();
        Assert.Equal([("overdue", "bcd-bn", due.AddDays(7), "bcd-bn"), ("overdue-2", "bcd-bn", due.AddDays(14), "skhcn-bn"), ("overdue-3", "skhcn-bn", (DateTimeOffset?)null, (string?)null)],
            annual.Select(r => (r.Stage, r.NotifyUnit, r.NextAlertAt, r.NextAlertUnit)));
        Assert.All(annual, r => Assert.Equal("bcd-bn", r.StandingUnit));
    }

    [Fact]
    public async Task After_a_gap_the_alerts_go_one_step_at_a_time_spaced_from_when_each_was_sent()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var due = new DateTimeOffset(2026, 6, 19, 17, 0, 0, TimeSpan.Zero); // 20/6/2026 00:00 in Hà Nội
        var clock = new FakeTimeProvider(due.AddDays(-1));
        Assert.Equal(3, await SweepAsync(database, clock)); // last year's two overdue, this year's 3-day reminder
        await WaiveAsync(database, 2025, clock);

        // The Host was down from the day before the due time to a week and a day after it: "overdue" and "overdue-2" came
        // unheard. The standing office hears first; the next step follows a week later, then the department's.
        clock.SetUtcNow(due.AddDays(8));
        Assert.Equal(1, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(15).AddMinutes(-1));
        Assert.Equal(0, await SweepAsync(database, clock));
        clock.SetUtcNow(due.AddDays(15));
        Assert.Equal(1, await SweepAsync(database, clock));

        // Down again for a month: the department's step goes when the Host is back, a week after the last alert or later.
        clock.SetUtcNow(due.AddDays(45));
        Assert.Equal(1, await SweepAsync(database, clock));
        Assert.Equal(0, await SweepAsync(database, clock));

        await using var db = database.NewContext();
        var half = (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Where(r => r.Kind == "mau-05-half-year" && r.Year == 2026).ToList();
        Assert.Equal([("before-P3D", "bcd-bn", (DateTimeOffset?)null, (string?)null), ("overdue", "bcd-bn", due.AddDays(15), "bcd-bn"),
            ("overdue-2", "bcd-bn", due.AddDays(22), "skhcn-bn"), ("overdue-3", "skhcn-bn", null, null)],
            half.Select(r => (r.Stage, r.NotifyUnit, r.NextAlertAt, r.NextAlertUnit)));
        var records = await db.PeriodicReminders.AsNoTracking().Where(r => r.Kind == "mau-05-half-year" && r.Year == 2026).ToListAsync(Cancel);
        Assert.All(records.Where(r => PeriodicReportReminder.IsOverdueStage(r.Stage)), r => Assert.True(r.Sent));
    }

    [Fact]
    public async Task No_alert_is_promised_in_a_year_the_sweep_no_longer_looks_at()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero)); // a new deployment late in December
        await SweepAsync(database, clock);
        clock.SetUtcNow(new DateTimeOffset(2026, 12, 27, 0, 0, 0, TimeSpan.Zero));
        await SweepAsync(database, clock);

        await using var db = database.NewContext();
        var annual = (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Where(r => r.Kind == "mau-05-year" && r.Year == 2025).ToList();
        // Last year's annual report: its third alert would fall in January 2027, when 2025's reports are no longer swept.
        Assert.Equal([("overdue", (DateTimeOffset?)new DateTimeOffset(2026, 12, 27, 0, 0, 0, TimeSpan.Zero)), ("overdue-2", null)],
            annual.Select(r => (r.Stage, r.NextAlertAt)));
    }

    [Fact]
    public void Reminders_come_earliest_first_whatever_order_the_file_lists_them_in()
    {
        var rule = new PeriodicReportRule { Id = "mau-05-year", Due = "12-15", RemindBefore = ["P3D", "P14D"], Notify = "bcd-bn", Overdue = [new() { After = "P7D" }] };

        var stages = rule.Reminders(new DateTimeOffset(2026, 12, 14, 17, 0, 0, TimeSpan.Zero)).ToList();

        Assert.Equal(["before-P14D", "before-P3D", "overdue", "overdue-2"], stages.Select(s => s.Stage));
        Assert.Equal(stages.Select(s => s.At).Order(), stages.Select(s => s.At));
        Assert.All(stages, s => Assert.Equal("bcd-bn", s.Notify));
    }

    [Fact]
    public void Further_overdue_alerts_come_later_each_from_an_hour_to_180_days_with_a_unit()
    {
        var regimes = new LegalRegimes
        {
            Version = "test", Regimes = ShippedRules.Regimes.Regimes,
            PeriodicReports =
            [
                new PeriodicReportRule { Id = "mau-05-year", Due = "12-15", Overdue = [new PeriodicOverdueStep { After = "P7D" }] },
                new PeriodicReportRule
                {
                    Id = "mau-05-half-year", Due = "06-20", Notify = "bcd-bn",
                    Overdue = [new() { After = "P7D" }, new() { After = "P7D" }, new() { After = "PT30M" }, new() { After = "P1D", Notify = new string('u', 41) }],
                },
            ],
        };

        var error = Assert.Throws<InvalidDataException>(regimes.Validate);

        Assert.Contains("periodic report mau-05-year: overdue needs a unit to notify", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-half-year: overdue steps come later each (after P7D)", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-half-year: overdue after PT30M must be a duration from an hour to 180 days", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-half-year: overdue notify must be a unit code of at most 40 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reminder_needs_a_unit_and_a_lead_from_a_minute_to_180_days()
    {
        var regimes = new LegalRegimes
        {
            Version = "test", Regimes = ShippedRules.Regimes.Regimes,
            PeriodicReports =
            [
                new PeriodicReportRule { Id = "mau-05-year", Due = "12-15", RemindBefore = ["P200D", "soon", "PT30S"] },
                new PeriodicReportRule { Id = "mau-05-half-year", Due = "06-20", RemindBefore = ["P172D"], Notify = "bcd-bn" },
                new PeriodicReportRule { Id = new string('x', 36), Due = "06-20", Notify = "bcd-bn" },
            ],
        };

        var error = Assert.Throws<InvalidDataException>(regimes.Validate);

        Assert.Contains("periodic report mau-05-year: remindBefore needs a unit to notify", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year: remindBefore P200D must be a duration from a minute to 180 days", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year: remindBefore soon must be a duration", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year: remindBefore PT30S must be a duration from a minute", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-half-year: remindBefore P172D reaches back before 1 January", error.Message, StringComparison.Ordinal);
        Assert.Contains($"periodic report {new string('x', 36)}: an id has at most 35 characters", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Records <paramref name="year"/>'s reports (or one of them) waived, as the duties board does.</summary>
    private static async Task WaiveAsync(SqliteDatabase database, int year, TimeProvider clock, string? only = null)
    {
        await using var db = database.NewContext();
        foreach (var kind in Kinds.Where(k => only is null || k == only))
        {
            db.PeriodicReports.Add(new PeriodicReportRecord
            {
                Id = PeriodicReports.IdOf(kind, year), Kind = kind, Year = year, State = DutyStates.Waived, At = clock.GetUtcNow(), ById = "test",
                By = "Văn phòng thường trực", WaiverReason = "Chưa vận hành hệ thống",
            });
        }

        await db.SaveChangesAsync(Cancel);
    }

    private static async Task<int> SweepAsync(SqliteDatabase database, TimeProvider clock)
    {
        await using var db = database.NewContext();
        return await new PeriodicReminders(db, ShippedRules.RuleBook, Options.Create(new TriageOptions()), clock).SweepAsync(Cancel);
    }
}
