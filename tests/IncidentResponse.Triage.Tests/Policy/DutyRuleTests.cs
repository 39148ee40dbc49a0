using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>Which legal duties an incident owes, by regime, seriousness and personal data, and when each falls due (the shipped regimes).</summary>
public sealed class DutyRuleTests
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);
    private static readonly DateTimeOffset Before = new(2026, 6, 30, 10, 0, 0, Vietnam);
    private static readonly DateTimeOffset After = new(2026, 7, 1, 10, 0, 0, Vietnam);

    [Theory]
    // regime,   serious, owner can handle, personal data, may harm national security or public order → duties (id@hours after detection)
    [InlineData("before", false, true, false, null, "incident-notice@120")]
    [InlineData("before", false, true, true, null, "personal-data-notice@72 incident-notice@120")]
    [InlineData("before", false, false, false, null, "initial-report@0 incident-notice@120")]
    [InlineData("before", true, false, true, null, "initial-report@0 personal-data-notice@72 incident-notice@120")]
    [InlineData("before", true, false, false, true, "initial-report@0 incident-notice@120")]
    [InlineData("before", false, true, false, true, "incident-notice@120")]
    [InlineData("after", false, true, false, null, "incident-notice@120")]
    [InlineData("after", false, true, true, null, "personal-data-notice@72 incident-notice@120")]
    [InlineData("after", false, false, false, null, "initial-report@0 incident-notice@120")]
    [InlineData("after", true, true, false, null, "serious-initial-notice@24 serious-full-report@72 incident-notice@120")]
    [InlineData("after", true, true, false, false, "serious-initial-notice@24 serious-full-report@72 incident-notice@120")]
    [InlineData("after", true, true, false, true, "police-report@0 serious-initial-notice@24 serious-full-report@72 incident-notice@120")]
    [InlineData("after", false, true, false, true, "police-report@0 incident-notice@120")]
    [InlineData("after", false, true, false, false, "incident-notice@120")]
    [InlineData("after", true, false, true, true,
        "police-report@0 initial-report@0 serious-initial-notice@24 personal-data-notice@72 serious-full-report@72 incident-notice@120")]
    public void Each_regime_owes_the_duties_its_rules_name_at_their_hours(
        string regime, bool serious, bool ownerCanHandle, bool personalData, bool? nationalSecurityOrPublicOrder, string expected)
    {
        var detected = regime == "before" ? Before : After;
        var facts = Facts.Of("availability:ddos", 3, "high", "none", "supplemented", serviceInterrupted: true, ownerCanHandle, personalData)
            with { Serious = serious, NationalSecurityOrPublicOrder = nationalSecurityOrPublicOrder };

        var (_, duties) = DeadlineCalculator.Compute(ShippedRules.Regimes, facts, detected);

        Assert.Equal(expected, string.Join(' ', duties.Select(d => $"{d.Id}@{(d.DueAt - detected).TotalHours:0}")));
        Assert.DoesNotContain(duties, d => d.Id == "mau-04-closing-report");
        Assert.All(duties, d => Assert.False(string.IsNullOrWhiteSpace(d.Basis)));
        Assert.All(duties, d => Assert.NotEmpty(d.Recipients));
    }

    [Theory]
    [InlineData("before", false)]
    [InlineData("before", true)]
    [InlineData("after", false)]
    [InlineData("after", true)]
    public void A_drill_owes_no_duty_even_when_it_may_harm_national_security(string regime, bool serious)
    {
        var detected = regime == "before" ? Before : After;
        var facts = Facts.Of("test:test", 4, personalData: true) with { Serious = serious, NationalSecurityOrPublicOrder = true };
        var incident = new Triage.Incidents.Incident
        {
            Number = "SC-2026-00001", Title = "Diễn tập", Classification = "test:test", Status = "new", Tlp = "AMBER", Fingerprint = "f",
            PolicyVersion = "2026.2", Regime = regime == "before" ? "vn-2017" : "vn-2026-07", Assessment = "{}", DetectedAt = detected, Drill = true,
            NationalSecurityOrPublicOrder = true,
        };

        var (_, computed) = DeadlineCalculator.Compute(ShippedRules.Regimes, facts, detected);

        Assert.NotEmpty(computed);
        Assert.False(Triage.Incidents.Duties.Merge(incident, computed, detected));
        Assert.Empty(incident.Deadlines);
    }

    [Fact]
    public void The_police_report_rule_of_the_new_regime_names_the_national_security_fact_not_seriousness()
    {
        var rule = ShippedRules.Regimes.Regimes.Single(r => r.Id == "vn-2026-07").Deadlines.Single(d => d.Id == "police-report");

        Assert.True(rule.When!.NationalSecurityOrPublicOrder);
        Assert.Null(rule.When.Serious);
        Assert.Equal(["provincial-police"], rule.Recipients);
    }

    [Theory]
    [InlineData("vn-2017")]
    [InlineData("vn-2026-07")]
    public void The_closing_report_falls_due_5_days_after_the_response_ends_under_either_regime(string regime)
    {
        var ended = new DateTimeOffset(2026, 11, 30, 16, 0, 0, Vietnam);

        var duty = Assert.Single(DeadlineCalculator.AtResponseEnd(ShippedRules.Regimes, regime, Before, ended));

        Assert.Equal("mau-04-closing-report", duty.Id);
        Assert.Equal(ended.AddDays(5), duty.DueAt);
        Assert.Equal(regime, duty.Regime);
        Assert.Contains("Mẫu 04", duty.NameVi, StringComparison.Ordinal);
        Assert.Contains("Mẫu 04", duty.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void The_personal_data_duty_goes_to_A05_under_either_regime()
    {
        var facts = Facts.Of("information-content-security:data-leak", personalData: true);

        foreach (var at in new[] { Before, After })
        {
            var duty = DeadlineCalculator.Compute(ShippedRules.Regimes, facts, at).Deadlines.Single(d => d.Id == "personal-data-notice");
            Assert.Equal(["a05"], duty.Recipients);
            Assert.Equal(at.AddHours(72), duty.DueAt);
        }
    }
}
