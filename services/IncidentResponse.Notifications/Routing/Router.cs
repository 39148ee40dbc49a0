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
        foreach (var (rule, _, unit) in Targets(rules, facts, matcher))
        {
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

        return [.. routed.Select(r => r with { LegalChain = chain.Contains(r.UnitCode) })];
    }

    /// <summary>
    /// The <c>owner</c> and <c>isp</c> of matching rules that engage nobody: the owner agency or ISP the incident names matches no
    /// unit of the directory, or (the owner) the incident names none. Each once, with the first rule asking for it.
    /// </summary>
    public static IReadOnlyList<(string Token, string? Name, RoutingRule Rule)> Unresolved(RoutingFile rules, RoutingFacts facts, DirectoryFile directory)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(directory);
        return [.. Targets(rules, facts, new UnitMatcher(directory))
            .Where(t => t.Unit is null && (t.Target == RoutingFile.OwnerToken || !string.IsNullOrWhiteSpace(facts.Isp)))
            .Select(t => (t.Target, t.Target == RoutingFile.OwnerToken ? Blank(facts.OwnerAgency) : facts.Isp, t.Rule))
            .DistinctBy(t => t.Target)];
    }

    /// <summary>Every target of every matching rule, in order, with the unit it stands for (null: nobody).</summary>
    private static IEnumerable<(RoutingRule Rule, string Target, string? Unit)> Targets(RoutingFile rules, RoutingFacts facts, UnitMatcher matcher) =>
        from rule in rules.Rules.Where(r => r.When.Holds(facts))
        from target in rule.Engage
        select (rule, target, target switch
        {
            RoutingFile.IspToken => matcher.Isp(rules.Isps, facts.Isp),
            RoutingFile.OwnerToken => matcher.Owner(facts.OwnerAgency),
            _ => target,
        });

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
