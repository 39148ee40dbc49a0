using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>The shipped routing rules: who is engaged for which incident, and why.</summary>
public sealed class RoutingTests
{
    private static RoutingFile Rules => ShippedNotificationRules.Rules.RoutingAt(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7))).Content;

    private static RoutingFacts Facts(string classification, int level, bool serious = false, string tlp = "AMBER", string? isp = null, bool personalData = false, string? owner = null) =>
        new(classification, level, serious, tlp, isp, personalData, owner);

    private static Dictionary<string, string> Route(RoutingFacts facts) => Router.Route(Rules, facts).ToDictionary(r => r.UnitCode, r => r.Rule.Id);

    [Fact]
    public void A_serious_DDoS_on_a_VNPT_hosted_system_engages_VNPT_the_police_the_committee_and_the_national_coordinator()
    {
        var routed = Route(Facts("availability:ddos", 4, serious: true, isp: "VNPT"));

        Assert.Equal("isp-availability-intrusion", routed["vnpt-bn"]);
        Assert.Equal("police-serious", routed["pa05-bn"]);
        Assert.Equal("committee-serious", routed["bcd-bn"]);
        Assert.Equal("committee-serious", routed["vncert"]);
        Assert.Equal("department-government-systems", routed["skhcn-bn"]);
        Assert.DoesNotContain("viettel-bn", routed.Keys);
        Assert.DoesNotContain("a05", routed.Keys);
    }

    [Theory]
    [InlineData("VNPT", "vnpt-bn")]
    [InlineData("vnpt", "vnpt-bn")]
    [InlineData("Viettel", "viettel-bn")]
    public void The_ISP_rule_engages_the_unit_serving_the_affected_system(string isp, string unit) =>
        Assert.Equal("isp-availability-intrusion", Route(Facts("intrusions:system-compromise", 2, isp: isp))[unit]);

    [Fact]
    public void An_unknown_or_missing_ISP_engages_no_telecom_operator()
    {
        Assert.DoesNotContain(Route(Facts("availability:dos", 2, isp: "FPT")).Keys, u => u is "vnpt-bn" or "viettel-bn");
        Assert.DoesNotContain(Route(Facts("availability:dos", 2)).Keys, u => u is "vnpt-bn" or "viettel-bn");
    }

    [Fact]
    public void Personal_data_engages_A05_and_a_data_leak_engages_the_police()
    {
        var routed = Route(Facts("information-content-security:data-leak", 2, personalData: true));

        Assert.Equal("a05-personal-data", routed["a05"]);
        Assert.Equal("police-crime", routed["pa05-bn"]);
        Assert.Equal(2, routed.Count);
    }

    [Fact]
    public void A_low_phishing_report_goes_to_the_police_only() =>
        Assert.Equal(new Dictionary<string, string> { ["pa05-bn"] = "police-crime" }, Route(Facts("fraud:phishing", 1)));

    [Fact]
    public void An_ordinary_low_incident_of_another_class_engages_nobody() =>
        Assert.Empty(Route(Facts("vulnerable:weak-crypto", 1)));

    [Fact]
    public void A_unit_named_by_several_rules_is_engaged_once_by_the_first()
    {
        var routed = Router.Route(Rules, Facts("intrusions:system-compromise", 4, serious: true, isp: "Viettel"));

        Assert.Equal(routed.Count, routed.Select(r => r.UnitCode).Distinct().Count());
        Assert.Equal("police-crime", routed.Single(r => r.UnitCode == "pa05-bn").Rule.Id);
        Assert.Equal("committee-serious", routed.Single(r => r.UnitCode == "bcd-bn").Rule.Id);
    }

    [Fact]
    public void Raising_severity_only_adds_units()
    {
        var ordinary = Route(Facts("availability:ddos", 3, isp: "VNPT"));
        var serious = Route(Facts("availability:ddos", 4, serious: true, isp: "VNPT"));

        Assert.Equal(["skhcn-bn", "vnpt-bn"], ordinary.Keys.Order());
        Assert.Superset(ordinary.Keys.ToHashSet(), serious.Keys.ToHashSet());
        Assert.Contains("pa05-bn", serious.Keys);
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold()
    {
        var rule = new RoutingCondition { Classes = ["availability"], MinSeverity = 3, Tlp = ["GREEN"], OwnerAgency = ["Văn phòng UBND tỉnh"] };

        Assert.True(rule.Holds(Facts("availability:ddos", 3, tlp: "GREEN", owner: " văn phòng ubnd tỉnh ")));
        Assert.False(rule.Holds(Facts("availability:ddos", 2, tlp: "GREEN", owner: "Văn phòng UBND tỉnh")));
        Assert.False(rule.Holds(Facts("availability:ddos", 3, tlp: "AMBER", owner: "Văn phòng UBND tỉnh")));
        Assert.False(rule.Holds(Facts("fraud:phishing", 3, tlp: "GREEN", owner: "Văn phòng UBND tỉnh")));
        Assert.False(rule.Holds(Facts("availability:ddos", 3, tlp: "GREEN", owner: null)));
    }
}
