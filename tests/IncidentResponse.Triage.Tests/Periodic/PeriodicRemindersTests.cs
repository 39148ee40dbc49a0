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
/// The periodic reports remind the standing office (legal regimes 2026.5: 14 and 3 days before, then overdue) once per stage,
/// on a fake clock: nothing before its time, nothing for a report recorded, the latest stage only after a gap, no stale
/// reminder before the due time, and the overdue alert of a report still owed once (last year's at a new deployment).
/// </summary>
public sealed class PeriodicRemindersTests
{
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
            var passed = await db.PeriodicReminders.AsNoTracking().ToListAsync(Cancel);
            Assert.Equal(6, passed.Count);
            Assert.All(passed, r => Assert.Equal((2025, r.Stage == PeriodicReportReminder.Overdue), (r.Year, r.Sent)));
            Assert.Equal([(2025, "overdue"), (2025, "overdue")], (await Outbox.ReadAsync<PeriodicReportReminder>(db)).Select(r => (r.Year, r.Stage)));
        }

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
        Assert.Contains($"periodic report {new string('x', 36)}: with reminders an id has at most 35 characters", error.Message, StringComparison.Ordinal);
    }

    private static async Task<int> SweepAsync(SqliteDatabase database, TimeProvider clock)
    {
        await using var db = database.NewContext();
        return await new PeriodicReminders(db, ShippedRules.RuleBook, Options.Create(new TriageOptions()), clock).SweepAsync(Cancel);
    }
}
