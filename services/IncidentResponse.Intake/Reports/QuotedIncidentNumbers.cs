using System.Text.RegularExpressions;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Incident numbers as reporters quote them (<c>SC-2026-00042</c>: the deployment's prefix, the year, the sequence); triage
/// decides whether one names an open incident. Intake does not know the prefix (a triage setting), so any short one passes.
/// </summary>
public static partial class QuotedIncidentNumbers
{
    /// <summary>Whether <paramref name="value"/> is an incident number and nothing else.</summary>
    public static bool IsWellFormed(string value) => Whole().IsMatch(value);

    /// <summary>The first incident number in <paramref name="text"/> (an e-mail's subject), or null.</summary>
    public static string? FirstIn(string text) => Anywhere().Match(text) is { Success: true } m ? m.Value : null;

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9]{0,9}-[0-9]{4}-[0-9]{5,7}$", RegexOptions.CultureInvariant)]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<![A-Za-z0-9-])[A-Za-z][A-Za-z0-9]{0,9}-[0-9]{4}-[0-9]{5,7}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant)]
    private static partial Regex Anywhere();
}
