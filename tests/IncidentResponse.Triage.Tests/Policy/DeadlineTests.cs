using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>The shipped legal regimes: which one applies at detection, and what falls due when.</summary>
public sealed class DeadlineTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset LastSecondOf2017Rules = new(2026, 6, 30, 23, 59, 59, Vietnam);
    private static readonly DateTimeOffset FirstSecondOfNewRules = new(2026, 7, 1, 0, 0, 0, Vietnam);

    /// <summary>
    /// A level-4 portal down, its owner unable to handle it: serious under QĐ 05/2017 Điều 9; and it may harm public order
    /// (the police report's trigger from 1/7/2026).
    /// </summary>
    private static TriageFacts SeriousUnhandled(bool? personalData = false) =>
        Facts.Of("availability:ddos", 4, "high", "none", "supplemented", serviceInterrupted: true, ownerCanHandle: false, personalData)
            with { Serious = true, NationalSecurityOrPublicOrder = true };

    private static (LegalRegime Regime, IReadOnlyList<Contracts.Incidents.LegalDeadline> Deadlines) Compute(TriageFacts facts, DateTimeOffset detectedAt) =>
        DeadlineCalculator.Compute(ShippedRules.Regimes, facts, detectedAt);

    [Fact]
    public void The_facts_used_for_deadlines_are_serious_as_assessed()
    {
        var facts = Facts.Of("availability:ddos", 4, "high", "none", "supplemented", serviceInterrupted: true, ownerCanHandle: false, personalData: false);

        Assert.True(Facts.Assess(facts).Serious);
    }

    [Fact]
    public void Detection_one_second_before_1_July_2026_falls_under_the_2017_rules()
    {
        var (regime, deadlines) = Compute(SeriousUnhandled(), LastSecondOf2017Rules);

        Assert.Equal("vn-2017", regime.Id);
        Assert.Equal(["initial-report", "incident-notice"], deadlines.Select(d => d.Id));
        Assert.All(deadlines, d => Assert.Equal("vn-2017", d.Regime));
        Assert.Equal([LastSecondOf2017Rules, LastSecondOf2017Rules.AddDays(5)], deadlines.Select(d => d.DueAt));
    }

    [Fact]
    public void Detection_at_midnight_of_1_July_2026_Vietnam_time_falls_under_the_new_rules()
    {
        var (regime, deadlines) = Compute(SeriousUnhandled(), FirstSecondOfNewRules);

        Assert.Equal("vn-2026-07", regime.Id);
        Assert.Equal(["police-report", "initial-report", "serious-initial-notice", "serious-full-report", "incident-notice"], deadlines.Select(d => d.Id));
        Assert.Equal(
            [FirstSecondOfNewRules, FirstSecondOfNewRules, FirstSecondOfNewRules.AddHours(24), FirstSecondOfNewRules.AddHours(72), FirstSecondOfNewRules.AddDays(5)],
            deadlines.Select(d => d.DueAt));
    }

    [Theory]
    [InlineData("2026-06-30T16:59:59Z", "vn-2017")]
    [InlineData("2026-06-30T17:00:00Z", "vn-2026-07")]
    [InlineData("2026-06-30T23:59:59+07:00", "vn-2017")]
    [InlineData("2026-07-01T00:00:00+07:00", "vn-2026-07")]
    [InlineData("2026-07-01T00:30:00+08:00", "vn-2017")]
    [InlineData("2017-03-10T00:00:00+07:00", "vn-2017")]
    public void The_regime_switch_is_an_instant_whatever_the_offset_of_the_detection_time(string detectedAt, string regime) =>
        Assert.Equal(regime, ShippedRules.Regimes.InForceAt(DateTimeOffset.Parse(detectedAt, System.Globalization.CultureInfo.InvariantCulture)).Id);

    [Fact]
    public void Nothing_is_in_force_before_the_2017_rules() =>
        Assert.Throws<InvalidOperationException>(() => ShippedRules.Regimes.InForceAt(new DateTimeOffset(2017, 3, 9, 23, 59, 59, Vietnam)));

    [Theory]
    [InlineData("2026-03-14T08:15:00+07:00", "vn-2017")]
    [InlineData("2026-11-25T10:00:00+07:00", "vn-2026-07")]
    public void Personal_data_starts_a_72_hour_clock_in_both_regimes(string detected, string regime)
    {
        var detectedAt = DateTimeOffset.Parse(detected, System.Globalization.CultureInfo.InvariantCulture);
        var facts = Facts.Of("information-content-security:data-leak", 3, "low", "privacy", "regular", false, true, personalData: true);

        var (inForce, deadlines) = Compute(facts, detectedAt);

        Assert.Equal(regime, inForce.Id);
        var notice = Assert.Single(deadlines, d => d.Id == "personal-data-notice");
        Assert.Equal(detectedAt.AddHours(72), notice.DueAt);
        Assert.Equal(["a05"], notice.Recipients);
    }

    [Theory]
    [InlineData("2026-03-14T08:15:00+07:00", false)]
    [InlineData("2026-11-25T10:00:00+07:00", false)]
    [InlineData("2026-03-14T08:15:00+07:00", null)]
    [InlineData("2026-11-25T10:00:00+07:00", null)]
    public void Without_personal_data_there_is_no_72_hour_notice(string detected, bool? personalData)
    {
        var facts = Facts.Of("information-content-security:data-leak", 3, "low", "privacy", "regular", false, true, personalData);

        var (_, deadlines) = Compute(facts, DateTimeOffset.Parse(detected, System.Globalization.CultureInfo.InvariantCulture));

        Assert.DoesNotContain(deadlines, d => d.Id == "personal-data-notice");
        Assert.Equal(["incident-notice"], deadlines.Select(d => d.Id));
    }

    [Theory]
    [InlineData("2026-03-14T08:15:00+07:00")]
    [InlineData("2026-11-25T10:00:00+07:00")]
    public void Immediate_duties_fall_due_at_the_time_of_detection(string detected)
    {
        var detectedAt = DateTimeOffset.Parse(detected, System.Globalization.CultureInfo.InvariantCulture);

        var (regime, deadlines) = Compute(SeriousUnhandled(personalData: true), detectedAt);

        var immediate = regime.Deadlines.Where(d => d.After == "PT0S").Select(d => d.Id).ToList();
        Assert.NotEmpty(immediate);
        Assert.All(deadlines.Where(d => immediate.Contains(d.Id)), d => Assert.Equal(detectedAt, d.DueAt));
        Assert.Contains(deadlines, d => d.Id == "initial-report" && d.DueAt == detectedAt);
    }

    [Theory]
    [InlineData("2026-03-14T08:15:00+07:00", 3)]
    [InlineData("2026-11-25T10:00:00+07:00", 6)]
    public void Deadlines_come_ordered_by_due_time(string detected, int count)
    {
        var (_, deadlines) = Compute(SeriousUnhandled(personalData: true), DateTimeOffset.Parse(detected, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(count, deadlines.Count);
        Assert.Equal(deadlines.OrderBy(d => d.DueAt).Select(d => d.Id), deadlines.Select(d => d.Id));
        Assert.True(deadlines.Zip(deadlines.Skip(1)).All(p => p.First.DueAt <= p.Second.DueAt));
    }

    [Fact]
    public void An_owner_who_cannot_handle_an_ordinary_incident_still_owes_an_immediate_initial_report()
    {
        var facts = Facts.Of("availability:ddos", 3, "high", "none", "supplemented", serviceInterrupted: true, ownerCanHandle: false);

        var (_, before) = Compute(facts, LastSecondOf2017Rules);
        var (_, after) = Compute(facts, FirstSecondOfNewRules);

        Assert.Equal(["initial-report", "incident-notice"], before.Select(d => d.Id));
        Assert.Equal(["initial-report", "incident-notice"], after.Select(d => d.Id));
    }
}
