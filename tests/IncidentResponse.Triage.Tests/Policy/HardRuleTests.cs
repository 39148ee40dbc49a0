using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>The hard rules of the shipped policy: they raise or cap the level the score gives.</summary>
public sealed class HardRuleTests
{
    private const string CompromiseRule = "compromise-or-ransomware-on-important-system";

    [Theory]
    [InlineData("malicious-code:infected-system")]
    [InlineData("intrusions:system-compromise")]
    [InlineData("intrusions:privileged-account-compromise")]
    [InlineData("availability:sabotage")]
    public void Ransomware_or_compromise_on_a_level_3_system_is_at_least_high(string classification)
    {
        // Score: low 9 + none 0 + regular 0 + level 3 10 = 19, level 1.
        var assessment = Facts.Assess(Facts.Of(classification, 3, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: true));

        Assert.Equal(19, assessment.Score);
        Assert.Equal(1, assessment.ScoreLevel);
        Assert.Equal(3, assessment.Level);
        var rule = Assert.Single(assessment.Rules);
        Assert.Equal((CompromiseRule, "at least 3", true), (rule.Id, rule.Effect, rule.Changed));
    }

    [Fact]
    public void Ransomware_on_a_level_2_system_keeps_the_level_of_its_score()
    {
        // Score: low 9 + level 2 5 = 14, level 1.
        var assessment = Facts.Assess(Facts.Of("malicious-code:infected-system", 2, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: true));

        Assert.Equal(1, assessment.Level);
        Assert.Empty(assessment.Rules);
    }

    [Fact]
    public void A_rule_that_matches_a_level_already_reached_is_listed_as_not_changing_it()
    {
        // Score: high 30 + integrity 20 + not-recoverable 15 + level 3 10 + interrupted 10 = 85, level 5.
        var assessment = Facts.Assess(Facts.Of("malicious-code:infected-system", 3, "high", "integrity", "not-recoverable", serviceInterrupted: true, ownerCanHandle: true));

        Assert.Equal(85, assessment.Score);
        Assert.Equal(5, assessment.Level);
        var rule = Assert.Single(assessment.Rules);
        Assert.Equal((CompromiseRule, false), (rule.Id, rule.Changed));
    }

    [Fact]
    public void A_personal_data_breach_is_at_least_medium()
    {
        // Score: low 9 + level 2 5 = 14, level 1; personal data is not a scoring factor.
        var assessment = Facts.Assess(Facts.Of("information-content-security:data-loss", 2, "low", "none", "regular", false, true, personalData: true));

        Assert.Equal(14, assessment.Score);
        Assert.Equal(1, assessment.ScoreLevel);
        Assert.Equal(2, assessment.Level);
        var rule = Assert.Single(assessment.Rules);
        Assert.Equal(("personal-data-breach", "at least 2", true), (rule.Id, rule.Effect, rule.Changed));
    }

    [Fact]
    public void Without_personal_data_the_breach_rule_does_not_fire()
    {
        var assessment = Facts.Assess(Facts.Of("information-content-security:data-loss", 2, "low", "none", "regular", false, true, personalData: false));

        Assert.Equal(1, assessment.Level);
        Assert.Empty(assessment.Rules);
    }

    [Fact]
    public void A_drill_is_capped_at_baseline_even_when_it_is_serious()
    {
        // Score: high 30 + integrity 20 + not-recoverable 15 + level 5 20 + interrupted 10 + owner cannot 5 = 100.
        var assessment = Facts.Assess(Facts.Of("test:test", 5, "high", "integrity", "not-recoverable", serviceInterrupted: true, ownerCanHandle: false));

        Assert.Equal(100, assessment.Score);
        Assert.Equal(5, assessment.ScoreLevel);
        Assert.True(assessment.Serious);
        Assert.Equal(0, assessment.Level);
        Assert.Equal(
            [("serious-incident-is-severe", false), ("drill-never-pages", true)],
            assessment.Rules.Select(r => (r.Id, r.Changed)));
        Assert.Equal("at most 0", assessment.Rules[^1].Effect);
    }

    [Fact]
    public void A_drill_with_personal_data_stays_at_baseline()
    {
        // The cap is applied after every raise: personal-data-breach lifts to 2, the drill rule brings it back.
        var assessment = Facts.Assess(Facts.Of("test:test", 2, "low", "none", "regular", false, true, personalData: true));

        Assert.Equal(0, assessment.Level);
        Assert.Equal([("personal-data-breach", true), ("drill-never-pages", true)], assessment.Rules.Select(r => (r.Id, r.Changed)));
    }
}
