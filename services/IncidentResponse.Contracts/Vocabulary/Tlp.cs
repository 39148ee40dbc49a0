namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>Traffic Light Protocol 2.0 labels, from least to most restricted.</summary>
public static class Tlp
{
    public const string Clear = "CLEAR";
    public const string Green = "GREEN";
    public const string Amber = "AMBER";
    public const string AmberStrict = "AMBER+STRICT";
    public const string Red = "RED";

    public static IReadOnlyList<string> Labels { get; } = [Clear, Green, Amber, AmberStrict, Red];

    /// <summary>Accepts <c>amber</c>, <c>TLP:AMBER</c> and the old <c>WHITE</c>; null when unknown.</summary>
    public static string? Normalize(string? label)
    {
        if (label is null)
        {
            return null;
        }

        var value = label.Trim().ToUpperInvariant();
        if (value.StartsWith("TLP:", StringComparison.Ordinal))
        {
            value = value[4..];
        }

        return value == "WHITE" ? Clear : Labels.Contains(value, StringComparer.Ordinal) ? value : null;
    }

    /// <summary>How restricted a label is: 0 (CLEAR) to 4 (RED).</summary>
    public static int Rank(string label) => Labels.ToList().IndexOf(label);
}
