using IncidentResponse.Notifications.Partners;

namespace IncidentResponse.Notifications.Routing;

/// <summary>A unit to engage, the first rule naming it, and whether any rule naming it puts it in the legal reporting chain.</summary>
public sealed record RoutedUnit(string UnitCode, RoutingRule Rule, bool LegalChain = true);

/// <summary>
/// Applies every matching rule of a routing version; each unit appears once, with the first rule naming it. <c>isp</c>
/// and <c>owner</c> in a rule stand for the units the affected system's ISP and owner agency name, found in the
/// directory in force (without one, only the routing file's <c>isps</c> are known and the owner is nobody).
/// </summary>
public static class Router
{
    public static IReadOnlyList<RoutedUnit> Route(RoutingFile rules, RoutingFacts facts, DirectoryFile? directory = null)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var matcher = new UnitMatcher(directory ?? new DirectoryFile());
        var routed = new List<RoutedUnit>();
        var chain = new HashSet<string>(StringComparer.Ordinal);
        var chainSaid = rules.Rules.Any(r => r.LegalChain is not null);
        foreach (var rule in rules.Rules.Where(r => r.When.Holds(facts)))
        {
            foreach (var target in rule.Engage)
            {
                var unit = target switch
                {
                    RoutingFile.IspToken => matcher.Isp(rules.Isps, facts.Isp),
                    RoutingFile.OwnerToken => matcher.Owner(facts.OwnerAgency),
                    _ => target,
                };
                if (unit is null)
                {
                    continue;
                }

                if (!chainSaid || rule.LegalChain == true)
                {
                    chain.Add(unit);
                }

                if (routed.TrueForAll(r => r.UnitCode != unit))
                {
                    routed.Add(new RoutedUnit(unit, rule));
                }
            }
        }

        return [.. routed.Select(r => r with { LegalChain = chain.Contains(r.UnitCode) })];
    }
}
