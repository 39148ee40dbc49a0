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
    /// <summary>The units the matching rules of <paramref name="rules"/> engage for <paramref name="facts"/>, names looked up in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<RoutedUnit> Route(RoutingFile rules, RoutingFacts facts, DirectoryFile? directory = null) =>
        Route(rules, facts, new UnitMatcher(directory ?? new DirectoryFile()));

    /// <summary>
    /// The same with the directory's names already keyed: a batch routing many incidents against one directory version builds its
    /// <see cref="UnitMatcher"/> once (keying every name and alias of the directory per incident was 3 % of a loaded Host's garbage).
    /// </summary>
    public static IReadOnlyList<RoutedUnit> Route(RoutingFile rules, RoutingFacts facts, UnitMatcher matcher)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(matcher);
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
    /// Whom the matching rules ask for and the incident does not have: an <c>owner</c> or <c>isp</c> whose name matches no unit of
    /// the directory (or, the owner, that the incident does not name), and any unit a rule names or resolves to that is not among
    /// <paramref name="engaged"/> (inactive in the database, or a name added as an alias after routing). Each once, with the first
    /// rule asking for it; <c>Target</c> is <c>owner</c>, <c>isp</c> or <c>unit</c>.
    /// </summary>
    public static IReadOnlyList<(string Target, string? Name, string? Unit, RoutingRule Rule)> Gaps(
        RoutingFile rules, RoutingFacts facts, DirectoryFile directory, IReadOnlySet<string> engaged)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(engaged);
        return [.. Targets(rules, facts, new UnitMatcher(directory))
            .Where(t => t.Unit is null
                ? t.Target == RoutingFile.OwnerToken || (t.Target == RoutingFile.IspToken && !string.IsNullOrWhiteSpace(facts.Isp))
                : !engaged.Contains(t.Unit))
            .Select(t => t.Target switch
            {
                RoutingFile.OwnerToken => (Target: t.Target, Name: Blank(facts.OwnerAgency), t.Unit, t.Rule),
                RoutingFile.IspToken => (Target: t.Target, Name: Blank(facts.Isp), t.Unit, t.Rule),
                _ => (Target: "unit", Name: (string?)t.Target, t.Unit, t.Rule),
            })
            .DistinctBy(t => t.Unit ?? "?" + t.Target)];
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
