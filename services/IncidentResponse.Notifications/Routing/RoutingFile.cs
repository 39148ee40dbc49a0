using System.Globalization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Partners;

namespace IncidentResponse.Notifications.Routing;

/// <summary>One version of the routing rules as written in <c>routing-*.yaml</c>.</summary>
public sealed class RoutingFile
{
    /// <summary>The token in <c>engage</c> that stands for the unit serving the affected system's ISP.</summary>
    public const string IspToken = "isp";

    /// <summary>The token in <c>engage</c> that stands for the unit whose name or alias is the affected system's owner agency.</summary>
    public const string OwnerToken = RecipientRoles.Owner;

    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    /// <summary>
    /// ISP name as reporters write it → unit code; compared ignoring case, diacritics and punctuation, in full or as
    /// the first words of what was written; telecom units' names and aliases count too (<see cref="UnitMatcher.Isp"/>).
    /// </summary>
    public Dictionary<string, string> Isps { get; set; } = [];

    public List<RoutingRule> Rules { get; set; } = [];

    /// <summary>
    /// The unit a declined engagement is handed to (the committee's standing office): engaged on the
    /// incident if it is not yet, its duty point told either way.
    /// </summary>
    public string DeclineTo { get; set; } = "";

    public DateTimeOffset EffectiveFromTime =>
        DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MaxValue;

    public void Validate(IReadOnlySet<string> unitCodes)
    {
        ArgumentNullException.ThrowIfNull(unitCodes);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add("version is missing");
        }

        if (!DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out _))
        {
            errors.Add("effectiveFrom is not a date and time with offset");
        }

        if (string.IsNullOrWhiteSpace(DeclineTo))
        {
            errors.Add("declineTo is missing (the unit a declined engagement is handed to)");
        }
        else if (!unitCodes.Contains(DeclineTo))
        {
            errors.Add($"declineTo: unknown unit {DeclineTo}");
        }

        errors.AddRange(Isps.Where(i => !unitCodes.Contains(i.Value)).Select(i => $"isps: {i.Key} names unknown unit {i.Value}"));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var rule in Rules)
        {
            if (string.IsNullOrWhiteSpace(rule.Id) || !ids.Add(rule.Id))
            {
                errors.Add($"rule id '{rule.Id}' is missing or listed twice");
            }
            else if (rule.Id == Engagements.ManualEngagements.RuleId || rule.Id.StartsWith("declined:", StringComparison.Ordinal))
            {
                errors.Add($"rule id '{rule.Id}' is reserved (engagements made by hand or on a decline)");
            }

            if (rule.Engage.Count == 0)
            {
                errors.Add($"rule {rule.Id}: engage names no unit");
            }

            errors.AddRange(rule.Engage.Where(u => u != IspToken && u != OwnerToken && !unitCodes.Contains(u)).Select(u => $"rule {rule.Id}: unknown unit {u}"));
            errors.AddRange(rule.When.Problems().Select(p => $"rule {rule.Id}: {p}"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException($"routing {Version}: {string.Join("; ", errors)}");
        }
    }
}

/// <summary>A routing rule: when every condition holds, the listed units are engaged.</summary>
public sealed class RoutingRule
{
    public string Id { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    public RoutingCondition When { get; set; } = new();

    public List<string> Engage { get; set; } = [];

    /// <summary>
    /// The units it engages are in the legal reporting chain (QĐ 05/2017 Điều 11.5): on a serious incident they receive the
    /// legal initial report (<c>[TBSC]</c>, "BÁO CÁO BAN ĐẦU"); a unit no such rule engages (an ISP, a department) gets the
    /// engagement notice, marked serious. When no rule of a file says (files before 2026.3), every unit gets the report.
    /// </summary>
    public bool? LegalChain { get; set; }
}

/// <summary>Conditions of a rule; an absent condition always holds.</summary>
public sealed class RoutingCondition
{
    /// <summary>RSIT classes (<c>availability</c>) or exact <c>class:type</c> pairs.</summary>
    public List<string>? Classes { get; set; }

    public int? MinSeverity { get; set; }

    public bool? Serious { get; set; }

    public List<string>? Tlp { get; set; }

    public List<string>? Isp { get; set; }

    public bool? PersonalData { get; set; }

    public List<string>? OwnerAgency { get; set; }

    public bool Holds(RoutingFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return (Classes is null || Classes.Any(c => c == facts.Classification || c == Rsit.ClassOf(facts.Classification)))
            && (MinSeverity is null || facts.SeverityLevel >= MinSeverity)
            && (Serious is null || facts.Serious == Serious)
            && (Tlp is null || Tlp.Contains(facts.Tlp, StringComparer.Ordinal))
            && (Isp is null || (facts.Isp is not null && Isp.Any(i => NameKey.StartsWithName(facts.Isp, i))))
            && (PersonalData is null || facts.PersonalData == PersonalData)
            && (OwnerAgency is null || (facts.OwnerAgency is not null && OwnerAgency.Any(o => NameKey.Of(o) == NameKey.Of(facts.OwnerAgency))));
    }

    internal IEnumerable<string> Problems()
    {
        foreach (var c in Classes ?? [])
        {
            if (!Rsit.Classes.ContainsKey(c) && !Rsit.IsKnown(c))
            {
                yield return $"class {c} is not an RSIT class or class:type";
            }
        }

        if (MinSeverity is < 0 or > 5)
        {
            yield return "minSeverity must be 0–5";
        }

        foreach (var t in Tlp ?? [])
        {
            if (Contracts.Vocabulary.Tlp.Normalize(t) != t)
            {
                yield return $"tlp {t} is not a TLP 2.0 label";
            }
        }
    }
}
