using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>
/// Policy 2026.2 files ransomware under its RSIT type (information-content-security:unauthorised-information-modification);
/// availability:sabotage is physical sabotage and no longer counts as ransomware (domain audit row 48, gap 7).
/// </summary>
public sealed class RansomwareClassTests
{
    private const string Modification = "information-content-security:unauthorised-information-modification";

    private static TriagePolicy V2 => ShippedRules.RuleBook.Policies.Single(p => p.Content.Version == "2026.2").Content;

    [Fact]
    public void A_correctly_classified_ransomware_report_on_a_level_3_system_is_at_least_high()
    {
        // Score: low 9 + none 0 + regular 0 + level 3 10 = 19, level 1.
        var assessment = SeverityAssessor.Assess(Facts.Of(Modification, 3, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: true), V2);

        Assert.Equal(1, assessment.ScoreLevel);
        Assert.Equal(3, assessment.Level);
        Assert.Equal("2026.2", assessment.PolicyVersion);
        Assert.Equal(("compromise-or-ransomware-on-important-system", true), (Assert.Single(assessment.Rules).Id, assessment.Rules[0].Changed));
    }

    [Fact]
    public void Physical_sabotage_is_no_longer_raised_as_ransomware()
    {
        var assessment = SeverityAssessor.Assess(Facts.Of("availability:sabotage", 3, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: true), V2);

        Assert.Equal(1, assessment.Level);
        Assert.Empty(assessment.Rules);
    }

    [Fact]
    public void The_old_version_stays_as_it_was_and_the_new_one_applies_from_its_date()
    {
        var old = SeverityAssessor.Assess(Facts.Of(Modification, 3, "low", "none", "regular", false, true), ShippedRules.Policy);
        var from = new DateTimeOffset(2026, 12, 3, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal(1, old.Level);
        Assert.Equal("2026.1", ShippedRules.RuleBook.PolicyAt(from.AddTicks(-1)).Version);
        Assert.Equal("2026.2", ShippedRules.RuleBook.PolicyAt(from).Version);
    }
}
