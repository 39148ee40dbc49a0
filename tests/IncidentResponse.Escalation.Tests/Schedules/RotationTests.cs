using IncidentResponse.Escalation.Schedules;
using static IncidentResponse.Escalation.Tests.Schedules.Build;

namespace IncidentResponse.Escalation.Tests.Schedules;

/// <summary>Who a single layer puts on call, and exactly when turns change.</summary>
public sealed class RotationTests
{
    private static readonly OnCallCalculator Weekly =
        new(Schedule(Layer("weekly", "2026-01-05T08:00", "7d", "an", "binh", "cuong")));

    [Theory]
    [InlineData(1, 5, "an")]
    [InlineData(1, 12, "binh")]
    [InlineData(1, 19, "cuong")]
    [InlineData(1, 26, "an")]
    [InlineData(2, 2, "binh")]
    [InlineData(2, 11, "cuong")]
    public void A_weekly_rotation_takes_members_in_order_and_wraps_around(int month, int day, string expected)
    {
        var decision = Weekly.WhoIsOnCall(Vn(month, day, 9));

        Assert.Equal(new OnCallDecision(expected, "layer:weekly"), decision);
    }

    [Fact]
    public void The_handoff_happens_exactly_at_the_boundary()
    {
        var handoff = Vn(1, 12, 8);

        Assert.Equal("an", Weekly.WhoIsOnCall(handoff.AddTicks(-1)).PersonId);
        Assert.Equal("binh", Weekly.WhoIsOnCall(handoff).PersonId);
        Assert.Equal("binh", Weekly.WhoIsOnCall(handoff.AddTicks(1)).PersonId);
    }

    [Fact]
    public void Nobody_is_on_call_before_the_layer_starts()
    {
        Assert.Equal(new OnCallDecision(null, "gap"), Weekly.WhoIsOnCall(Vn(1, 5, 8).AddTicks(-1)));
        Assert.Equal("an", Weekly.WhoIsOnCall(Vn(1, 5, 8)).PersonId);
    }

    [Fact]
    public void An_ISO_rotation_is_the_same_as_the_short_form()
    {
        var iso = new OnCallCalculator(Schedule(Layer("weekly", "2026-01-05T08:00", "P7D", "an", "binh", "cuong")));

        Assert.Equal(Weekly.FinalSchedule(Vn(1, 1, 0), Vn(3, 1, 0)), iso.FinalSchedule(Vn(1, 1, 0), Vn(3, 1, 0)));
        Assert.Equal(9, iso.FinalSchedule(Vn(1, 1, 0), Vn(3, 1, 0)).Count);
    }

    [Fact]
    public void A_daily_handoff_at_midnight_changes_the_person_at_midnight()
    {
        var daily = new OnCallCalculator(Schedule(Layer("daily", "2026-01-05T00:00", "1d", "an", "binh")));
        var midnight = Vn(1, 6, 0);

        Assert.Equal("an", daily.WhoIsOnCall(midnight.AddTicks(-1)).PersonId);
        Assert.Equal("binh", daily.WhoIsOnCall(midnight).PersonId);
        Assert.Equal("an", daily.WhoIsOnCall(Vn(1, 7, 0)).PersonId);
    }

    [Fact]
    public void A_twelve_hour_rotation_hands_off_at_midnight_and_noon()
    {
        var halves = new OnCallCalculator(Schedule(Layer("halves", "2026-01-05T12:00", "12h", "an", "binh")));

        Assert.Equal(
            [
                Shift("an", Vn(1, 5, 12), Vn(1, 6, 0), "layer:halves"),
                Shift("binh", Vn(1, 6, 0), Vn(1, 6, 12), "layer:halves"),
                Shift("an", Vn(1, 6, 12), Vn(1, 7, 0), "layer:halves"),
            ],
            halves.FinalSchedule(Vn(1, 5, 12), Vn(1, 7, 0)));
    }

    [Fact]
    public void A_daily_rotation_restricted_to_nights_covers_18_00_to_08_00_across_midnight()
    {
        var nights = new OnCallCalculator(Schedule(Layer("night", "2026-01-05T18:00", "1d", "an", "binh").Restricted("18:00", "08:00")));

        Assert.Equal("an", nights.WhoIsOnCall(Vn(1, 5, 23, 59)).PersonId);
        Assert.Equal("an", nights.WhoIsOnCall(Vn(1, 6, 0, 30)).PersonId);
        Assert.Equal("an", nights.WhoIsOnCall(Vn(1, 6, 8).AddTicks(-1)).PersonId);
        Assert.Equal(new OnCallDecision(null, "gap"), nights.WhoIsOnCall(Vn(1, 6, 8)));
        Assert.Null(nights.WhoIsOnCall(Vn(1, 6, 18).AddTicks(-1)).PersonId);
        Assert.Equal("binh", nights.WhoIsOnCall(Vn(1, 6, 18)).PersonId);
        Assert.Equal(
            [
                Shift(null, Vn(1, 5, 12), Vn(1, 5, 18), "gap"),
                Shift("an", Vn(1, 5, 18), Vn(1, 6, 8), "layer:night"),
                Shift(null, Vn(1, 6, 8), Vn(1, 6, 18), "gap"),
                Shift("binh", Vn(1, 6, 18), Vn(1, 7, 8), "layer:night"),
                Shift(null, Vn(1, 7, 8), Vn(1, 7, 12), "gap"),
            ],
            nights.FinalSchedule(Vn(1, 5, 12), Vn(1, 7, 12)));
    }

    [Fact]
    public void A_schedule_read_from_YAML_defaults_to_Vietnam_time()
    {
        var file = ServiceDefaults.Rules.RuleFiles.Parse<ScheduleFile>("""
            version: "t1"
            effectiveFrom: 2026-01-01T00:00:00+07:00
            schedules:
              - id: s
                unit: vnpt-bn
                nameVi: Thử
                nameEn: Test
                layers:
                  - id: weekly
                    start: 2026-01-05T08:00
                    rotation: 7d
                    members: [an, binh]
                    restrictions:
                      - from: "08:00"
                        to: "18:00"
            """);
        file.Validate(null, null);
        var calculator = new OnCallCalculator(file.Schedules[0]);

        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, Vietnam), file.EffectiveFromTime);
        Assert.Equal("Asia/Ho_Chi_Minh", calculator.Zone.Id);
        Assert.Equal("an", calculator.WhoIsOnCall(new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero)).PersonId);
        Assert.Null(calculator.WhoIsOnCall(new DateTimeOffset(2026, 1, 5, 11, 0, 0, TimeSpan.Zero)).PersonId);
    }
}
