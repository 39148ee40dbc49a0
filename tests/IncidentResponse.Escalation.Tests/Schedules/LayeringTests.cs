using IncidentResponse.Escalation.Schedules;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>Layers on top of each other, overrides on top of layers, and the gaps that remain.</summary>
public sealed class LayeringTests
{
    private static OnCallSchedule DayAndNight() => Schedule(
        Layer("base", "2026-01-05T08:00", "7d", "an"),
        Layer("night", "2026-01-05T18:00", "1d", "binh", "cuong").Restricted("18:00", "08:00"));

    [Fact]
    public void A_later_layer_wins_where_it_has_someone_and_the_earlier_fills_its_gaps()
    {
        var calculator = new OnCallCalculator(DayAndNight());

        Assert.Equal(new OnCallDecision("an", "layer:base"), calculator.WhoIsOnCall(Vn(1, 5, 12)));
        Assert.Equal(new OnCallDecision("binh", "layer:night"), calculator.WhoIsOnCall(Vn(1, 5, 22)));
        Assert.Equal(
            [
                Shift("an", Vn(1, 5, 8), Vn(1, 5, 18), "layer:base"),
                Shift("binh", Vn(1, 5, 18), Vn(1, 6, 8), "layer:night"),
                Shift("an", Vn(1, 6, 8), Vn(1, 6, 18), "layer:base"),
                Shift("cuong", Vn(1, 6, 18), Vn(1, 7, 8), "layer:night"),
            ],
            calculator.FinalSchedule(Vn(1, 5, 8), Vn(1, 7, 8)));
    }

    [Fact]
    public void The_order_of_layers_decides_so_a_whole_day_layer_last_hides_the_night_layer()
    {
        var schedule = DayAndNight();
        schedule.Layers.Reverse();
        var calculator = new OnCallCalculator(schedule);

        Assert.Equal(new OnCallDecision("an", "layer:base"), calculator.WhoIsOnCall(Vn(1, 5, 22)));
    }

    [Fact]
    public void An_override_replaces_whoever_is_on_call_and_then_hands_back()
    {
        var calculator = new OnCallCalculator(
            Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an", "binh")).With("dung", "2026-01-07T12:00", "2026-01-08T12:00"));

        Assert.Equal(new OnCallDecision("an", "layer:weekly"), calculator.WhoIsOnCall(Vn(1, 7, 12).AddTicks(-1)));
        Assert.Equal(new OnCallDecision("dung", "override"), calculator.WhoIsOnCall(Vn(1, 7, 12)));
        Assert.Equal(new OnCallDecision("dung", "override"), calculator.WhoIsOnCall(Vn(1, 8, 12).AddTicks(-1)));
        Assert.Equal(new OnCallDecision("an", "layer:weekly"), calculator.WhoIsOnCall(Vn(1, 8, 12)));
        Assert.Equal(
            [
                Shift("an", Vn(1, 5, 8), Vn(1, 7, 12), "layer:weekly"),
                Shift("dung", Vn(1, 7, 12), Vn(1, 8, 12), "override"),
                Shift("an", Vn(1, 8, 12), Vn(1, 12, 8), "layer:weekly"),
                Shift("binh", Vn(1, 12, 8), Vn(1, 13, 8), "layer:weekly"),
            ],
            calculator.FinalSchedule(Vn(1, 5, 8), Vn(1, 13, 8)));
    }

    [Fact]
    public void An_override_fills_a_gap_and_the_later_of_two_overlapping_overrides_wins()
    {
        var calculator = new OnCallCalculator(
            Schedule(Layer("days", "2026-01-05T08:00", "7d", "an").Restricted("08:00", "18:00"))
                .With("binh", "2026-01-05T20:00", "2026-01-06T06:00")
                .With("cuong", "2026-01-06T00:00", "2026-01-06T02:00"));

        Assert.Equal(
            [
                Shift("an", Vn(1, 5, 8), Vn(1, 5, 18), "layer:days"),
                Shift(null, Vn(1, 5, 18), Vn(1, 5, 20), "gap"),
                Shift("binh", Vn(1, 5, 20), Vn(1, 6, 0), "override"),
                Shift("cuong", Vn(1, 6, 0), Vn(1, 6, 2), "override"),
                Shift("binh", Vn(1, 6, 2), Vn(1, 6, 6), "override"),
                Shift(null, Vn(1, 6, 6), Vn(1, 6, 8), "gap"),
                Shift("an", Vn(1, 6, 8), Vn(1, 6, 18), "layer:days"),
            ],
            calculator.FinalSchedule(Vn(1, 5, 8), Vn(1, 6, 18)));
    }

    [Fact]
    public void Gaps_are_the_stretches_when_nobody_is_on_call()
    {
        var calculator = new OnCallCalculator(Schedule(Layer("days", "2026-01-05T08:00", "7d", "an").Restricted("08:00", "18:00")));

        Assert.Equal(
            [
                Shift(null, Vn(1, 5, 0), Vn(1, 5, 8), "gap"),
                Shift(null, Vn(1, 5, 18), Vn(1, 6, 8), "gap"),
                Shift(null, Vn(1, 6, 18), Vn(1, 7, 0), "gap"),
            ],
            calculator.Gaps(Vn(1, 5, 0), Vn(1, 7, 0)));
        Assert.Empty(new OnCallCalculator(DayAndNight()).Gaps(Vn(1, 5, 8), Vn(4, 5, 8)));
    }

    [Fact]
    public void The_final_schedule_covers_90_days_exactly_without_overlaps_and_agrees_with_who_is_on_call()
    {
        var schedule = DayAndNight().With("dung", "2026-02-10T13:30", "2026-02-12T09:15");
        schedule.Layers.Add(Layer("daytime", "2026-01-10T09:00", "7d", "em").Restricted("09:00", "17:00"));
        var calculator = new OnCallCalculator(schedule);
        var from = new DateTimeOffset(2026, 1, 3, 13, 17, 0, Vietnam);
        var to = from.AddDays(90);

        var shifts = calculator.FinalSchedule(from, to);

        Assert.Equal(from, shifts[0].Start);
        Assert.Equal(to, shifts[^1].End);
        Assert.All(shifts, s => Assert.True(s.Start < s.End, $"{s} is empty"));
        Assert.All(shifts.Zip(shifts.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.Equal(to - from, TimeSpan.FromTicks(shifts.Sum(s => s.Length.Ticks)));
        Assert.All(shifts, s =>
        {
            Assert.Equal(new OnCallDecision(s.PersonId, s.Source), calculator.WhoIsOnCall(s.Start));
            Assert.Equal(new OnCallDecision(s.PersonId, s.Source), calculator.WhoIsOnCall(s.End.AddTicks(-1)));
        });
        Assert.Contains(Shift("dung", Vn(2, 10, 13, 30), Vn(2, 12, 9, 15), "override"), shifts);
        Assert.Contains(Shift("em", Vn(1, 10, 9), Vn(1, 10, 17), "layer:daytime"), shifts);
        Assert.Single(shifts, s => s.Source == "gap");
    }
}
