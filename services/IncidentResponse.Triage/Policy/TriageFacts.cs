using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// What rules can look at: a report's classification and impact, plus the serious-incident verdict.
/// <see cref="NationalSecurityOrPublicOrder"/>: the incident may harm national security or public order (null: not known);
/// <see cref="NationalCritical"/>: the system is on the national critical list (null: not known);
/// <see cref="StateSecrets"/>: state secrets may have been disclosed; <see cref="MaySpread"/>: likely to spread to other
/// level 4–5 systems (both null: not known).
/// </summary>
public sealed record TriageFacts(
    string Classification,
    int? SecurityLevel,
    bool? ServiceInterrupted,
    bool? OwnerCanHandle,
    bool? PersonalData,
    string? Functional,
    string? Information,
    string? Recoverability,
    bool Serious,
    bool? NationalSecurityOrPublicOrder = null,
    bool? NationalCritical = null,
    bool? StateSecrets = null,
    bool? MaySpread = null)
{
    public string Class => Rsit.ClassOf(Classification);

    public static TriageFacts From(IncidentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var impact = report.Impact;
        return new TriageFacts(report.Classification, report.AffectedSystem?.SecurityLevel, impact.ServiceInterrupted,
            impact.OwnerCanHandle, impact.PersonalData, impact.Functional, impact.Information, impact.Recoverability, Serious: false,
            impact.NationalSecurityOrPublicOrder, report.AffectedSystem?.NationalCritical, impact.StateSecrets, impact.MaySpread);
    }

    /// <summary>The value of a scoring factor as the policy's point tables name it; null when not known.</summary>
    public string? Factor(string name) => name switch
    {
        "functional" => Functional,
        "information" => Information,
        "recoverability" => Recoverability,
        "securityLevel" => SecurityLevel?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "serviceInterrupted" => Bool(ServiceInterrupted),
        "ownerCanHandle" => Bool(OwnerCanHandle),
        "personalData" => Bool(PersonalData),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scoring factor"),
    };

    public static IReadOnlyList<string> FactorNames { get; } =
        ["functional", "information", "recoverability", "securityLevel", "serviceInterrupted", "ownerCanHandle", "personalData"];

    private static string? Bool(bool? value) => value switch { true => "true", false => "false", null => null };
}
