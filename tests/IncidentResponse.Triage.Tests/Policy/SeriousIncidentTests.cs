using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>QĐ 05/2017 Điều 9: a level 4–5 system with a listed consequence, and an owner who cannot handle it.</summary>
public sealed class SeriousIncidentTests
{
    [Fact]
    public void A_serious_incident_needs_both_conditions()
    {
        // Score: medium 18 + none 0 + regular 0 + level 4 16 + interrupted 10 + owner cannot 5 = 49, level 2.
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 4, "medium", "none", "regular", serviceInterrupted: true, ownerCanHandle: false));

        Assert.True(assessment.Serious);
        Assert.True(assessment.SeriousTest.Serious);
        Assert.True(assessment.SeriousTest.ImportantSystem);
        Assert.Equal(["service-interruption"], assessment.SeriousTest.Consequences);
        Assert.Equal([new NamedConsequence("service-interruption", "Gián đoạn dịch vụ", "Service interruption")], assessment.SeriousTest.ConsequenceNames!);
        Assert.False(assessment.SeriousTest.OwnerCanHandle);
        Assert.Contains("Điều 9", assessment.SeriousTest.Basis, StringComparison.Ordinal);
        Assert.Equal(49, assessment.Score);
        Assert.Equal(2, assessment.ScoreLevel);
        Assert.Equal(4, assessment.Level);
        var rule = Assert.Single(assessment.Rules);
        Assert.Equal(("serious-incident-is-severe", "at least 4", true), (rule.Id, rule.Effect, rule.Changed));
    }

    [Fact]
    public void An_owner_who_can_handle_it_keeps_the_incident_ordinary()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 4, "medium", "none", "regular", serviceInterrupted: true, ownerCanHandle: true));

        Assert.False(assessment.Serious);
        Assert.True(assessment.SeriousTest.ImportantSystem);
        Assert.Equal(["service-interruption"], assessment.SeriousTest.Consequences);
        Assert.Equal(44, assessment.Score);
        Assert.Equal(2, assessment.Level);
        Assert.Empty(assessment.Rules);
    }

    [Fact]
    public void A_level_3_system_is_not_important_enough_to_be_serious()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 3, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: false));

        Assert.False(assessment.Serious);
        Assert.False(assessment.SeriousTest.ImportantSystem);
        Assert.Equal(3, assessment.SeriousTest.SecurityLevel);
        Assert.DoesNotContain(assessment.Rules, r => r.Id == "serious-incident-is-severe");
    }

    [Fact]
    public void A_system_on_the_national_critical_list_is_important_whatever_its_level()
    {
        var onList = Facts.Assess(Facts.Of("availability:ddos", 2, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: false)
            with { NationalCritical = true });
        var notOnList = Facts.Assess(Facts.Of("availability:ddos", 2, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: false)
            with { NationalCritical = false });
        var levelUnknown = Facts.Assess(Facts.Of("availability:ddos", null, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: false)
            with { NationalCritical = true });

        Assert.True(onList.Serious);
        Assert.Equal((true, true, 2), (onList.SeriousTest.ImportantSystem, onList.SeriousTest.NationalCritical, onList.SeriousTest.SecurityLevel));
        Assert.Contains(onList.Rules, r => r.Id == "serious-incident-is-severe");
        Assert.False(notOnList.Serious);
        Assert.False(notOnList.SeriousTest.ImportantSystem);
        Assert.True(levelUnknown.Serious);
    }

    [Fact]
    public void A_level_5_system_without_a_listed_consequence_is_not_serious()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 5, "low", "none", "regular", serviceInterrupted: false, ownerCanHandle: false));

        Assert.False(assessment.Serious);
        Assert.True(assessment.SeriousTest.ImportantSystem);
        Assert.Empty(assessment.SeriousTest.Consequences);
    }

    [Fact]
    public void An_owner_whose_capacity_is_unknown_does_not_make_it_serious()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", 5, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: null));

        Assert.False(assessment.Serious);
        Assert.True(assessment.SeriousTest.ImportantSystem);
        Assert.Equal(["service-interruption"], assessment.SeriousTest.Consequences);
        Assert.Null(assessment.SeriousTest.OwnerCanHandle);
        Assert.Equal([SeriousTest.OwnerCanHandleFact], assessment.SeriousTest.Undetermined);
    }

    [Fact]
    public void The_test_is_undetermined_only_while_a_missing_fact_could_make_it_serious()
    {
        IReadOnlyList<string> Missing(int? level, bool? serviceInterrupted, bool? ownerCanHandle) =>
            Facts.Assess(Facts.Of("availability:ddos", level, "high", "none", "regular", serviceInterrupted, ownerCanHandle)).SeriousTest.Undetermined;

        Assert.Equal([SeriousTest.SecurityLevelFact], Missing(null, true, false));
        Assert.Empty(Missing(null, true, null)); // two answers away (a monitoring alert naming no system): not begun
        Assert.Empty(Missing(4, true, false)); // serious
        Assert.Empty(Missing(4, true, true)); // the owner copes
        Assert.Empty(Missing(3, true, null)); // not an important system
        Assert.Empty(Missing(4, false, null)); // no consequence
        var levelUnknownNotOnList = Facts.Assess(Facts.Of("availability:ddos", null, "high", "none", "regular", true, false) with { NationalCritical = false });
        // Not on the national list says nothing of the level.
        Assert.Equal([SeriousTest.SecurityLevelFact], levelUnknownNotOnList.SeriousTest.Undetermined);
    }

    [Fact]
    public void An_unknown_security_level_is_not_an_important_system()
    {
        var assessment = Facts.Assess(Facts.Of("availability:ddos", null, "high", "none", "regular", serviceInterrupted: true, ownerCanHandle: false));

        Assert.False(assessment.Serious);
        Assert.False(assessment.SeriousTest.ImportantSystem);
    }

    [Theory]
    [InlineData("information-content-security:data-leak", null, null, "possible-secret-disclosure")]
    [InlineData("information-content-security:unauthorised-information-access", null, null, "possible-secret-disclosure")]
    [InlineData("availability:sabotage", "integrity", "not-recoverable", "unrecoverable-integrity-loss")]
    [InlineData("intrusions:system-compromise", null, null, "loss-of-control")]
    [InlineData("intrusions:privileged-account-compromise", null, null, "loss-of-control")]
    [InlineData("malicious-code:malware-distribution", null, null, "likely-spread")]
    [InlineData("malicious-code:c2-server", null, null, "likely-spread")]
    public void Each_listed_consequence_makes_an_unhandled_incident_on_a_level_4_system_serious(
        string classification, string? information, string? recoverability, string consequence)
    {
        var assessment = Facts.Assess(Facts.Of(classification, 4, "low", information, recoverability, serviceInterrupted: false, ownerCanHandle: false));

        Assert.True(assessment.Serious);
        Assert.Equal([consequence], assessment.SeriousTest.Consequences);
        Assert.True(assessment.Level >= 4, $"level {assessment.Level}");
    }

    [Fact]
    public void Integrity_loss_that_can_be_recovered_is_not_a_listed_consequence()
    {
        var assessment = Facts.Assess(Facts.Of("availability:sabotage", 4, "low", "integrity", "extended", serviceInterrupted: false, ownerCanHandle: false));

        Assert.False(assessment.Serious);
        Assert.Empty(assessment.SeriousTest.Consequences);
    }
}
