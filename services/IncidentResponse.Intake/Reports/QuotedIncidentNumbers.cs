using System.Text.RegularExpressions;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// Incident numbers as reporters quote them (<c>SC-2026-00042</c>: the deployment's prefix, the year, the sequence), in
/// upper case as they are issued; triage decides whether one names an incident. Intake does not know the prefix (a triage
/// setting), so any short one passes, but a vulnerability or advisory id of the same shape (<c>CVE-2025-12345</c>, EUVD, CNVD, CNNVD,
/// JVNDB, ELSA, ALSA, RLSA: common in the subjects of security mail) is none.
/// </summary>
public static partial class QuotedIncidentNumbers
{
    /// <summary>Whether <paramref name="value"/> is an incident number and nothing else.</summary>
    public static bool IsWellFormed(string value) => Whole().IsMatch(value);

    /// <summary>The first incident number in <paramref name="text"/> (an e-mail's subject), upper-cased, or null.</summary>
    public static string? FirstIn(string text) => Anywhere().Match(text) is { Success: true } m ? m.Value.ToUpperInvariant() : null;

    /// <summary>A well-formed number as it is issued (upper case).</summary>
    public static string Normalize(string value) => value.Trim().ToUpperInvariant();

    [GeneratedRegex(@"^(?!(?:CVE|EUVD|CNVD|CNNVD|JVNDB|ELSA|ALSA|RLSA)-)[A-Za-z][A-Za-z0-9]{0,9}-[0-9]{4}-[0-9]{5,7}$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Whole();

    [GeneratedRegex(@"(?<![A-Za-z0-9-])(?!(?:CVE|EUVD|CNVD|CNNVD|JVNDB|ELSA|ALSA|RLSA)-)[A-Za-z][A-Za-z0-9]{0,9}-[0-9]{4}-[0-9]{5,7}(?![A-Za-z0-9-])", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Anywhere();
}
