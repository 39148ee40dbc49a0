using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>
/// The shipped policy 2026.1 scored by hand. Weights (sum 100): functional 30, information 20,
/// recoverability 15, securityLevel 20, serviceInterrupted 10, ownerCanHandle 5; a factor adds
/// weight × points / 100. Bands: 0 ≥ 0, 1 ≥ 10, 2 ≥ 30, 3 ≥ 50, 4 ≥ 70, 5 ≥ 85.
/// </summary>
public sealed class SeverityScoringTests
{
    [Theory]
    // Scanner against a level-2 portal, nothing affected: securityLevel 2 → 25 × 20% = 5.
    [InlineData(0, 5, "information-gathering:scanner", 2, "none", "none", "regular", false, true)]
    // Phishing at a level-2 system: functional low 30 × 30% = 9, securityLevel 2 → 5; 14.
    [InlineData(1, 14, "fraud:phishing", 2, "low", "none", "regular", false, true)]
    // Brute force on level 3: low 9, privacy 60 × 20% = 12, supplemented 40 × 15% = 6, level 3 50 × 20% = 10; 37.
    [InlineData(2, 37, "intrusion-attempts:brute-force", 3, "low", "privacy", "supplemented", false, true)]
    // DDoS on level 3: high 30, none 0, supplemented 6, level 3 10, interrupted 10, owner copes 0; 56.
    [InlineData(3, 56, "availability:ddos", 3, "high", "none", "supplemented", true, true)]
    // DoS on level 4, owner copes: high 30, proprietary 70 × 20% = 14, extended 70 × 15% = 10.5,
    // level 4 80 × 20% = 16, interrupted 10; 80.5 rounds away from zero to 81.
    [InlineData(4, 81, "availability:dos", 4, "high", "proprietary", "extended", true, true)]
    // Ransomware on level 5: high 30, integrity 20, extended 10.5, level 5 20, interrupted 10, owner cannot 5; 95.5 → 96.
    [InlineData(5, 96, "malicious-code:infected-system", 5, "high", "integrity", "extended", true, false)]
    public void Each_level_comes_from_the_score_band_of_realistic_facts(
        int level, int score, string classification, int securityLevel, string functional, string information, string recoverability,
        bool serviceInterrupted, bool ownerCanHandle)
    {
        var assessment = Facts.Assess(Facts.Of(classification, securityLevel, functional, information, recoverability, serviceInterrupted, ownerCanHandle));

        Assert.Equal(score, assessment.Score);
        Assert.Equal(level, assessment.ScoreLevel);
        Assert.Equal(level, assessment.Level);
        Assert.DoesNotContain(assessment.Rules, r => r.Changed);
        Assert.Equal("2026.1", assessment.PolicyVersion);
    }

    [Fact]
    public void Unknown_factors_score_the_unknown_points_of_the_policy()
    {
        var assessment = Facts.Assess(Facts.Of("other:undetermined"));

        // Unknown points: functional 30 → 9, information 20 → 4, recoverability 30 → 4.5,
        // securityLevel 25 → 5, serviceInterrupted 0 → 0, ownerCanHandle 50 → 2.5; 25 is level 1.
        Assert.Equal(25, assessment.Score);
        Assert.Equal(1, assessment.Level);
        Assert.All(assessment.Contributions, c => Assert.False(c.Known));
        Assert.All(assessment.Contributions, c => Assert.Null(c.Value));
        Assert.Equal(
            [("functional", 30, 9.0), ("information", 20, 4.0), ("recoverability", 30, 4.5), ("securityLevel", 25, 5.0), ("serviceInterrupted", 0, 0.0), ("ownerCanHandle", 50, 2.5)],
            assessment.Contributions.Select(c => (c.Factor, c.Points, c.Contribution)));
    }

    [Fact]
    public void A_value_missing_from_the_point_table_counts_as_unknown()
    {
        // Security level 0 is not in the table: it scores the unknown 25 points, not 0.
        var assessment = Facts.Assess(Facts.Of("availability:ddos", securityLevel: 0, "none", "none", "regular", false, true));

        var level = Assert.Single(assessment.Contributions, c => c.Factor == "securityLevel");
        Assert.Equal("0", level.Value);
        Assert.False(level.Known);
        Assert.Equal(25, level.Points);
        Assert.Equal(5, assessment.Score);
    }

    [Fact]
    public void A_known_value_scores_its_own_points_and_weight()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 4, "medium", "none", "regular", true, true));

        var functional = Assert.Single(assessment.Contributions, c => c.Factor == "functional");
        Assert.Equal(("medium", true, 60, 30.0, 18.0), (functional.Value, functional.Known, functional.Points, functional.Weight, functional.Contribution));
    }

    [Theory]
    [InlineData("other:undetermined", null, null, null, null, null, null)]
    [InlineData("availability:dos", 4, "high", "proprietary", "extended", true, true)]
    [InlineData("malicious-code:infected-system", 3, "medium", "privacy", "supplemented", false, null)]
    [InlineData("test:test", 5, "high", "integrity", "not-recoverable", true, false)]
    [InlineData("fraud:phishing", 1, "low", null, "regular", null, true)]
    public void The_contributions_add_up_to_the_score(
        string classification, int? securityLevel, string? functional, string? information, string? recoverability, bool? serviceInterrupted, bool? ownerCanHandle)
    {
        var assessment = Facts.Assess(Facts.Of(classification, securityLevel, functional, information, recoverability, serviceInterrupted, ownerCanHandle));

        Assert.Equal(ShippedRules.Policy.Scoring.Factors.Keys.Order(StringComparer.Ordinal), assessment.Contributions.Select(c => c.Factor).Order(StringComparer.Ordinal));
        Assert.Equal(assessment.Score, (int)Math.Round(assessment.Contributions.Sum(c => c.Contribution), MidpointRounding.AwayFromZero));
        Assert.InRange(assessment.Score, 0, 100);
    }
}
