using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Holidays;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.Testing;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>
/// Restrictions on working and non-working days: office hours stop for Tết and the days off after it, a holiday layer
/// takes the whole day, and a schedule that forgot the holidays shows them as gaps.
/// </summary>
public sealed class WorkingDayTests
{
    private static readonly WorkCalendar Calendar = new(Path.Combine(AppContext.BaseDirectory, "Rules"));

    /// <summary>The office in working hours on working days, the duty officer every night, and on days off the whole day.</summary>
    private static OnCallSchedule Office() => Schedule(
        Layer("office", "2027-01-04T08:00", "7d", "an").On(["working"], "08:00", "17:00"),
        Layer("duty", "2027-01-04T17:00", "1d", "binh").On(null, "17:00", "08:00"),
        Layer("holiday", "2027-01-04T08:00", "1d", "cuong").On(["non-working"], null, null));

    [Fact]
    public void Office_hours_stop_for_Tet_and_its_days_off_and_the_holiday_layer_takes_them()
    {
        var calculator = new OnCallCalculator(Office(), Calendar);

        Assert.Equal("an", calculator.WhoIsOnCall(At(2027, 2, 4, 10)).PersonId); // Thursday before Tết
        Assert.Equal("cuong", calculator.WhoIsOnCall(At(2027, 2, 5, 10)).PersonId); // Friday, the old year's last day
        Assert.Equal("cuong", calculator.WhoIsOnCall(At(2027, 2, 10, 10)).PersonId); // Wednesday off in place of mùng 1
        Assert.Equal("an", calculator.WhoIsOnCall(At(2027, 2, 12, 10)).PersonId); // Friday, back to work
        Assert.Equal("binh", calculator.WhoIsOnCall(At(2027, 2, 12, 20)).PersonId); // a working day's night is the duty officer's
        Assert.Equal("cuong", calculator.WhoIsOnCall(At(2027, 2, 10, 20)).PersonId); // a day off's night is the holiday layer's (the later layer)
        Assert.Equal("cuong", calculator.WhoIsOnCall(At(2027, 2, 13, 3)).PersonId); // a Saturday before dawn: the day layer is whole-day and later
    }

    [Fact]
    public void The_final_schedule_hands_over_at_midnight_and_at_office_hours_around_Tet()
    {
        var shifts = new OnCallCalculator(Office(), Calendar).FinalSchedule(At(2027, 2, 4, 8), At(2027, 2, 5, 12));

        Assert.Equal(
            [
                Shift("an", At(2027, 2, 4, 8), At(2027, 2, 4, 17), "layer:office"),
                Shift("binh", At(2027, 2, 4, 17), At(2027, 2, 5, 0), "layer:duty"),
                Shift("cuong", At(2027, 2, 5, 0), At(2027, 2, 5, 8), "layer:holiday"),
                Shift("cuong", At(2027, 2, 5, 8), At(2027, 2, 5, 12), "layer:holiday"), // the layer's daily handoff, to the same person
            ],
            shifts);
    }

    [Fact]
    public void A_schedule_without_a_holiday_layer_has_Tet_as_a_gap_and_without_the_calendar_only_the_weekend()
    {
        var schedule = Office();
        schedule.Layers.RemoveAt(2);

        var gaps = new OnCallCalculator(schedule, Calendar).Gaps(At(2027, 2, 4, 0), At(2027, 2, 13, 0));
        var weekendsOnly = new OnCallCalculator(schedule).Gaps(At(2027, 2, 4, 0), At(2027, 2, 13, 0));

        // 5 to 11 February are off (Tết, its weekend and two days off in its place): seven days' office hours uncovered.
        Assert.Equal(7, gaps.Count);
        Assert.All(gaps, g => Assert.Equal(TimeSpan.FromHours(9), g.Length));
        Assert.Equal(At(2027, 2, 5, 8), gaps[0].Start);
        Assert.Equal(At(2027, 2, 11, 17), gaps[^1].End);
        Assert.Equal([At(2027, 2, 6, 8), At(2027, 2, 7, 8)], weekendsOnly.Select(g => g.Start));
    }

    [Fact]
    public void Days_of_the_week_restrict_a_layer_to_the_days_a_window_starts_on()
    {
        var schedule = Schedule(Layer("weekend-nights", "2027-01-04T08:00", "7d", "an").On(["friday", "Saturday"], "18:00", "08:00"));
        var calculator = new OnCallCalculator(schedule, Calendar);

        Assert.Equal("an", calculator.WhoIsOnCall(At(2027, 1, 9, 7)).PersonId); // Saturday morning: Friday's night
        Assert.Equal("an", calculator.WhoIsOnCall(At(2027, 1, 10, 7)).PersonId); // Sunday morning: Saturday's night
        Assert.Null(calculator.WhoIsOnCall(At(2027, 1, 10, 20)).PersonId); // Sunday night: not listed
        Assert.Null(calculator.WhoIsOnCall(At(2027, 1, 8, 7)).PersonId); // Friday morning: Thursday's night
    }

    [Fact]
    public void Mistakes_in_days_are_named_and_whole_days_need_days()
    {
        var schedule = Schedule(
            Layer("a", "2027-01-04T08:00", "7d", "an").On(["workday", "1"], "08:00", "17:00"),
            Layer("b", "2027-01-04T08:00", "7d", "an").On([], "08:00", "17:00"),
            Layer("c", "2027-01-04T08:00", "7d", "an").On(["working"], "08:00", null),
            Layer("d", "2027-01-04T08:00", "7d", "an").On(null, null, null));

        var message = string.Join("; ", schedule.Problems(null, null));

        Assert.Contains("layer a: restriction 08:00–17:00: day 'workday' is not working, non-working or a day of the week such as monday", message, StringComparison.Ordinal);
        Assert.Contains("layer a: restriction 08:00–17:00: day '1' is not working", message, StringComparison.Ordinal);
        Assert.Contains("layer b: restriction 08:00–17:00: days is empty (leave it out for every day)", message, StringComparison.Ordinal);
        Assert.Contains("layer c: restriction 08:00–: from and to must be times such as 18:00, or both left out for the whole day", message, StringComparison.Ordinal);
        Assert.Contains("layer d: restriction –: from and to must be times such as 18:00", message, StringComparison.Ordinal);
        Assert.Empty(Office().Problems(null, null));
    }

    [Fact]
    public void Paging_on_a_day_off_reaches_the_holiday_layer_through_the_holiday_files_beside_the_schedules()
    {
        using var rules = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Rules", "holidays-2027.yaml"), Path.Combine(rules.Path, "holidays-2027.yaml"));
        File.WriteAllText(Path.Combine(rules.Path, "schedules-t.yaml"), """
            version: "t"
            effectiveFrom: 2027-01-01T00:00:00+07:00
            schedules:
              - id: office
                unit: bcd-bn
                nameVi: Văn phòng
                nameEn: Office
                layers:
                  - id: office
                    start: 2027-01-04T08:00
                    rotation: 7d
                    members: [an]
                    restrictions:
                      - from: "08:00"
                        to: "17:00"
                        days: [working]
                  - id: holiday
                    start: 2027-01-04T08:00
                    rotation: 1d
                    members: [cuong]
                    restrictions:
                      - days: [non-working]
            """);
        var book = new ScheduleBook(rules.Path);
        var resolver = new TargetResolver(book);

        var (onTet, _) = resolver.Resolve([new StepTarget { Oncall = "bcd-bn" }], "bcd-bn", At(2027, 2, 9, 10));
        var (onMonday, _) = resolver.Resolve([new StepTarget { Oncall = "bcd-bn" }], "bcd-bn", At(2027, 2, 15, 10));

        Assert.Equal("cuong", Assert.Single(onTet).Id);
        Assert.Equal("oncall:bcd-bn/office/layer:holiday", onTet[0].ResolvedFrom);
        Assert.Equal("an", Assert.Single(onMonday).Id);
        Assert.Equal(["holidays-2027.yaml"], book.Calendar.Versions.Select(v => v.FileName));
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, Vietnam);
}
