using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>
/// Policy 2026.3: "possible disclosure of state secrets" and "likely to spread to other level 4–5 systems" rest on facts
/// the reporter states (domain audit rows 16 and 19, gap 8), not on the classification alone.
/// </summary>
public sealed class StatedConsequenceTests
{
    private const string DataLeak = "information-content-security:data-leak";

    private static TriagePolicy V3 => ShippedRules.RuleBook.Policies.Single(p => p.Content.Version == "2026.3").Content;

    private static TriagePolicy V2 => ShippedRules.RuleBook.Policies.Single(p => p.Content.Version == "2026.2").Content;

    private static TriageFacts Level4Unhandled(string classification) =>
        Facts.Of(classification, 4, "low", "privacy", "regular", serviceInterrupted: false, ownerCanHandle: false, personalData: true);

    [Fact]
    public void A_personal_data_leak_is_no_longer_a_disclosure_of_state_secrets()
    {
        var now = SeverityAssessor.Assess(Level4Unhandled(DataLeak), V3);
        var before = SeverityAssessor.Assess(Level4Unhandled(DataLeak), V2);

        Assert.False(now.Serious);
        Assert.Empty(now.SeriousTest.Consequences);
        Assert.Equal("2026.3", now.PolicyVersion);
        Assert.True(before.Serious);
        Assert.Equal(["possible-secret-disclosure"], before.SeriousTest.Consequences);
    }

    [Theory]
    [InlineData(DataLeak)]
    [InlineData("information-content-security:unauthorised-information-access")]
    [InlineData("intrusions:application-compromise")]
    public void State_secrets_stated_by_the_reporter_make_it_serious_whatever_the_class(string classification)
    {
        var assessment = SeverityAssessor.Assess(Level4Unhandled(classification) with { StateSecrets = true }, V3);

        Assert.True(assessment.Serious);
        Assert.Contains("possible-secret-disclosure", assessment.SeriousTest.Consequences);
        Assert.Contains(assessment.SeriousTest.ConsequenceNames!, c => c.Vi == "Có khả năng lộ bí mật nhà nước");
        Assert.True(assessment.Level >= 4, $"level {assessment.Level}");
    }

    [Fact]
    public void State_secrets_stated_as_not_at_risk_or_unknown_do_not()
    {
        Assert.False(SeverityAssessor.Assess(Level4Unhandled(DataLeak) with { StateSecrets = false }, V3).Serious);
        Assert.False(SeverityAssessor.Assess(Level4Unhandled(DataLeak) with { StateSecrets = null }, V3).Serious);
    }

    [Fact]
    public void A_worm_on_an_infected_system_counts_when_the_reporter_says_it_may_spread()
    {
        var stated = SeverityAssessor.Assess(Level4Unhandled("malicious-code:infected-system") with { MaySpread = true }, V3);
        var silent = SeverityAssessor.Assess(Level4Unhandled("malicious-code:infected-system"), V3);
        var before = SeverityAssessor.Assess(Level4Unhandled("malicious-code:infected-system") with { MaySpread = true }, V2);

        Assert.True(stated.Serious);
        Assert.Equal(["likely-spread"], stated.SeriousTest.Consequences);
        Assert.False(silent.Serious);
        Assert.False(before.Serious);
    }

    [Theory]
    [InlineData("malicious-code:malware-distribution")]
    [InlineData("malicious-code:c2-server")]
    public void A_system_harming_others_still_counts_as_likely_to_spread(string classification)
    {
        var assessment = SeverityAssessor.Assess(Level4Unhandled(classification), V3);

        Assert.Equal(["likely-spread"], assessment.SeriousTest.Consequences);
        Assert.True(assessment.Serious);
    }

    [Fact]
    public void The_stated_facts_need_an_important_system_and_an_owner_who_cannot_cope()
    {
        var level3 = Facts.Of(DataLeak, 3, "low", "privacy", "regular", false, ownerCanHandle: false) with { StateSecrets = true };
        var copes = Facts.Of(DataLeak, 4, "low", "privacy", "regular", false, ownerCanHandle: true) with { StateSecrets = true, MaySpread = true };

        Assert.False(SeverityAssessor.Assess(level3, V3).Serious);
        var coping = SeverityAssessor.Assess(copes, V3);
        Assert.False(coping.Serious);
        Assert.Equal(["possible-secret-disclosure", "likely-spread"], coping.SeriousTest.Consequences);
    }

    [Fact]
    public void Unstated_facts_leave_the_test_undetermined_on_an_important_system_whose_owner_cannot_cope()
    {
        var unstated = SeverityAssessor.Assess(Level4Unhandled(DataLeak), V3).SeriousTest;
        var deniedBoth = SeverityAssessor.Assess(Level4Unhandled(DataLeak) with { StateSecrets = false, MaySpread = false }, V3).SeriousTest;
        var ownerCopes = SeverityAssessor.Assess(Level4Unhandled(DataLeak) with { OwnerCanHandle = true }, V3).SeriousTest;

        Assert.Equal(["possible-secret-disclosure", "likely-spread"], unstated.OpenConsequences!.Select(c => c.Id));
        Assert.Equal([IncidentResponse.Contracts.Api.Incidents.SeriousTest.ConsequencesFact], unstated.Undetermined);
        Assert.Empty(deniedBoth.OpenConsequences!);
        Assert.Empty(deniedBoth.Undetermined); // decided: an ordinary incident
        Assert.Empty(ownerCopes.Undetermined);
    }

    [Fact]
    public void Without_a_consequence_the_test_asks_only_when_the_system_and_the_owner_are_known()
    {
        var ddos = Facts.Of("availability:ddos", 4, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: null);

        Assert.Empty(SeverityAssessor.Assess(ddos, V3).SeriousTest.Undetermined); // nothing found, owner unknown: decided
        Assert.Empty(SeverityAssessor.Assess(ddos with { SecurityLevel = null, OwnerCanHandle = false }, V3).SeriousTest.Undetermined);
        Assert.Equal([IncidentResponse.Contracts.Api.Incidents.SeriousTest.ConsequencesFact],
            SeverityAssessor.Assess(ddos with { OwnerCanHandle = false }, V3).SeriousTest.Undetermined);
    }

    [Fact]
    public void A_condition_could_hold_only_through_unknown_yes_no_facts()
    {
        var spread = V3.SeriousIncident.Consequences.Single(c => c.Id == "likely-spread").When;
        var control = V3.SeriousIncident.Consequences.Single(c => c.Id == "loss-of-control").When;
        var unknown = Facts.Of("availability:ddos", 4);

        Assert.True(spread.CouldMatch(unknown)); // through its nested `any: [{ maySpread: true }]`
        Assert.False(spread.Matches(unknown));
        Assert.False(spread.CouldMatch(unknown with { MaySpread = false })); // a stated "no" closes it
        Assert.True(spread.CouldMatch(Facts.Of("malicious-code:c2-server", 4) with { MaySpread = false })); // the class alone
        Assert.False(control.CouldMatch(unknown)); // a class-only consequence never opens for another class
    }

    [Fact]
    public void The_new_version_applies_from_its_date()
    {
        var from = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(7));

        Assert.Equal("2026.2", ShippedRules.RuleBook.PolicyAt(from.AddTicks(-1)).Version);
        Assert.Equal("2026.3", ShippedRules.RuleBook.PolicyAt(from).Version);
    }
}
