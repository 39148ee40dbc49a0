using IncidentResponse.Escalation.Schedules;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>Handoffs are local wall-clock times: 08:00 stays 08:00 when the clocks change.</summary>
public sealed class DaylightSavingTests
{
    private static OnCallCalculator London()
    {
        var schedule = Schedule(Layer("daily", "2026-03-27T08:00", "1d", "alice", "bob"));
        schedule.TimeZone = "Europe/London";
        return new OnCallCalculator(schedule);
    }

    [Fact]
    public void In_spring_the_handoff_stays_at_08_00_local_and_the_short_night_makes_a_23_hour_shift()
    {
        // Clocks go forward at 01:00 UTC on Sunday 29 March 2026: 08:00 is 08:00Z before, 07:00Z after.
        var shifts = London().FinalSchedule(Utc(3, 27, 8), Utc(3, 31, 7));

        Assert.Equal(
            [
                Shift("alice", Utc(3, 27, 8), Utc(3, 28, 8), "layer:daily"),
                Shift("bob", Utc(3, 28, 8), Utc(3, 29, 7), "layer:daily"),
                Shift("alice", Utc(3, 29, 7), Utc(3, 30, 7), "layer:daily"),
                Shift("bob", Utc(3, 30, 7), Utc(3, 31, 7), "layer:daily"),
            ],
            shifts);
        Assert.Equal([24, 23, 24, 24], shifts.Select(s => s.Length.TotalHours));
    }

    [Fact]
    public void In_autumn_the_handoff_stays_at_08_00_local_and_the_long_night_makes_a_25_hour_shift()
    {
        // Clocks go back at 01:00 UTC on Sunday 25 October 2026.
        var calculator = London();
        var shifts = calculator.FinalSchedule(Utc(10, 24, 7), Utc(10, 26, 8));

        Assert.Equal([25, 24], shifts.Select(s => s.Length.TotalHours));
        Assert.Equal([Utc(10, 24, 7), Utc(10, 25, 8)], shifts.Select(s => s.Start));
        Assert.Equal(calculator.WhoIsOnCall(Utc(10, 25, 8).AddTicks(-1)).PersonId, shifts[0].PersonId);
        Assert.NotEqual(shifts[0].PersonId, shifts[1].PersonId);
    }

    [Fact]
    public void Vietnam_has_no_daylight_saving_so_every_daily_shift_is_24_hours()
    {
        var calculator = new OnCallCalculator(Schedule(Layer("daily", "2026-03-27T08:00", "1d", "an", "binh")));

        var shifts = calculator.FinalSchedule(Vn(3, 27, 8), Vn(3, 31, 8));

        Assert.Equal([24, 24, 24, 24], shifts.Select(s => s.Length.TotalHours));
        Assert.Equal(Utc(3, 29, 1), shifts[2].Start);
    }

    [Fact]
    public void A_night_window_across_the_spring_change_is_one_hour_shorter()
    {
        var schedule = Schedule(Layer("night", "2026-03-27T18:00", "1d", "alice").Restricted("18:00", "08:00"));
        schedule.TimeZone = "Europe/London";

        var nights = new OnCallCalculator(schedule).FinalSchedule(Utc(3, 28, 12), Utc(3, 29, 12)).Where(s => s.PersonId is not null);

        Assert.Equal([Shift("alice", Utc(3, 28, 18), Utc(3, 29, 7), "layer:night")], nights);
    }

    [Fact]
    public void A_handoff_at_a_skipped_local_time_moves_forward_by_the_gap_and_a_repeated_one_happens_the_first_time()
    {
        var schedule = Schedule(Layer("daily", "2026-03-27T01:30", "1d", "alice", "bob"));
        schedule.TimeZone = "Europe/London";
        var calculator = new OnCallCalculator(schedule);

        // 01:30 does not exist on 29 March (01:00 GMT → 02:00 BST): the handoff is at 02:30 BST = 01:30Z.
        Assert.Equal("bob", calculator.WhoIsOnCall(Utc(3, 29, 1, 30).AddTicks(-1)).PersonId);
        Assert.Equal("alice", calculator.WhoIsOnCall(Utc(3, 29, 1, 30)).PersonId);
        Assert.Equal([24, 23], calculator.FinalSchedule(Utc(3, 28, 1, 30), Utc(3, 30, 0, 30)).Select(s => s.Length.TotalHours));

        // 01:30 happens twice on 25 October: the handoff is at the first, 01:30 BST = 00:30Z.
        var autumn = calculator.FinalSchedule(Utc(10, 24, 0, 30), Utc(10, 26, 1, 30));
        Assert.Equal([Utc(10, 24, 0, 30), Utc(10, 25, 0, 30)], autumn.Select(s => s.Start));
        Assert.Equal([24, 25], autumn.Select(s => s.Length.TotalHours));
    }

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);
}
