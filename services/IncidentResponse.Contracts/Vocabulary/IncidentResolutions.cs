namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>How an incident was closed: one of <see cref="All"/> (a person's choice), or <see cref="ResolvedAtSource"/>.</summary>
public static class IncidentResolutions
{
    public const string TruePositiveWithImpact = "true-positive-with-impact";
    public const string TruePositiveWithoutImpact = "true-positive-without-impact";
    public const string FalsePositive = "false-positive";
    public const string Duplicate = "duplicate";
    public const string NotApplicable = "not-applicable";

    /// <summary>Closed because the monitoring source that raised the incident reported recovery; not a person's choice.</summary>
    public const string ResolvedAtSource = "resolved-at-source";

    /// <summary>What a person may close an incident with.</summary>
    public static IReadOnlyList<string> All { get; } = [TruePositiveWithImpact, TruePositiveWithoutImpact, FalsePositive, Duplicate, NotApplicable];

    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [TruePositiveWithImpact] = ("Sự cố thật, có thiệt hại", "True positive with impact"),
        [TruePositiveWithoutImpact] = ("Sự cố thật, không thiệt hại", "True positive without impact"),
        [FalsePositive] = ("Báo động nhầm", "False positive"),
        [Duplicate] = ("Trùng lặp", "Duplicate"),
        [NotApplicable] = ("Không thuộc phạm vi", "Not applicable"),
        [ResolvedAtSource] = ("Nguồn giám sát báo đã khôi phục", "Resolved at the source"),
    };

    /// <summary>A resolution's names for people (the code itself for one this version does not know).</summary>
    public static (string Vi, string En) NamesOf(string resolution) =>
        Names.TryGetValue(resolution, out var names) ? names : (resolution, resolution);
}
