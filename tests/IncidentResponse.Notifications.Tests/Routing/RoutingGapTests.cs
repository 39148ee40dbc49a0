using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>
/// Whom the rules ask for and the incident does not have: names the directory does not know, no owner named, and units a rule
/// resolves to that are not engaged (an inactive unit, an alias added after routing), until someone engages them.
/// </summary>
public sealed class RoutingGapTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(7));

    private static IReadOnlyList<(string Target, string? Name, string? Unit, RoutingRule Rule)> Gaps(string? owner, string? isp, params string[] engaged) =>
        Router.Gaps(ShippedNotificationRules.Rules.RoutingAt(Now).Content,
            new RoutingFacts("availability:ddos", 2, false, "AMBER", isp, false, owner),
            ShippedNotificationRules.Rules.DirectoryAt(Now).Content,
            engaged.ToHashSet(StringComparer.Ordinal));

    [Fact]
    public void Names_the_directory_does_not_know_are_gaps_with_the_first_rule_asking_for_them()
    {
        var gaps = Gaps("Ban Quản lý dự án lạ", "Nhà mạng lạ", "pa05-bn", "vncert");

        Assert.Equal(
            [("owner", "Ban Quản lý dự án lạ", null, "owner-of-the-system"), ("isp", "Nhà mạng lạ", null, "isp-availability-intrusion")],
            gaps.Select(g => (g.Target, g.Name, g.Unit, g.Rule.Id)));
    }

    [Fact]
    public void A_known_owner_is_a_gap_until_its_unit_is_engaged_and_unnamed_ones_are_said_once()
    {
        Assert.Equal([("owner", "VP UBND tỉnh", "vp-ubnd-bn")], Gaps("VP UBND tỉnh", "VNPT", "pa05-bn", "vncert", "vnpt-bn").Select(g => (g.Target, g.Name, g.Unit)));
        Assert.Empty(Gaps("VP UBND tỉnh", "VNPT", "pa05-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"));

        var unnamed = Assert.Single(Gaps(null, " ", "pa05-bn", "vncert"));
        Assert.Equal(("owner", null, null), (unnamed.Target, unnamed.Name, unnamed.Unit));
    }

    [Fact]
    public void A_unit_a_rule_names_that_is_not_engaged_is_a_gap_of_its_own()
    {
        var gaps = Gaps("VP UBND tỉnh", "VNPT", "vp-ubnd-bn", "vnpt-bn");

        Assert.Equal([("unit", "pa05-bn", "pa05-bn"), ("unit", "vncert", "vncert")], gaps.Select(g => (g.Target, g.Name, g.Unit)));
        Assert.All(gaps, g => Assert.Equal("chain-operator-report", g.Rule.Id));
    }
}
