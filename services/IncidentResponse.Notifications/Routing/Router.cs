namespace IncidentResponse.Notifications.Routing;

/// <summary>A unit that routing says must be engaged, and the first rule that said so.</summary>
public sealed record RoutedUnit(string UnitCode, RoutingRule Rule);

/// <summary>Applies every matching rule of a routing version; each unit appears once, with the first rule naming it.</summary>
public static class Router
{
    public static IReadOnlyList<RoutedUnit> Route(RoutingFile rules, RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        var routed = new List<RoutedUnit>();
        foreach (var rule in rules.Rules.Where(r => r.When.Holds(facts)))
        {
            foreach (var target in rule.Engage)
            {
                var unit = target == RoutingFile.IspToken ? IspUnit(rules, facts.Isp) : target;
                if (unit is not null && routed.TrueForAll(r => r.UnitCode != unit))
                {
                    routed.Add(new RoutedUnit(unit, rule));
                }
            }
        }

        return routed;
    }

    private static string? IspUnit(RoutingFile rules, string? isp) =>
        isp is null ? null : rules.Isps.FirstOrDefault(i => string.Equals(i.Key, isp, StringComparison.OrdinalIgnoreCase)).Value;
}
