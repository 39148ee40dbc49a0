using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Triage.Policy;

/// <summary>
/// The correlation key of a report, like a dedup key: reports with the same fingerprint within the
/// window belong to one incident. A report that names nothing but its class has no fingerprint of
/// its own (it would otherwise swallow every report of that class). A drill's key differs from a real
/// report's with the same parts, so a drill report never joins a real incident nor a real report a drill.
/// </summary>
public static class Fingerprint
{
    public static string Of(IncidentReport report, CorrelationPolicy policy, Guid reportId)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(policy);
        var parts = policy.Key.Select(part => (part, value: Part(report, part))).ToList();
        if (parts.All(p => p.part == "classification" || string.IsNullOrEmpty(p.value)))
        {
            return "report:" + reportId.ToString("N");
        }

        var text = string.Join('\u001f', parts.Select(p => $"{p.part}={p.value}"));
        if (report.Drill)
        {
            text = "drill\u001f" + text;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string? Part(IncidentReport report, string part) => part switch
    {
        "classification" => report.Classification,
        "affectedSystem" => Normalize(SystemName(report.AffectedSystem)),
        "ownerAgency" => Normalize(report.AffectedSystem?.OwnerAgency),
        "mainObservable" => report.Observables.Count == 0 ? null : $"{report.Observables[0].Type}:{Normalize(report.Observables[0].Value)}",
        _ => throw new InvalidDataException($"correlation.key part '{part}' is not one of classification, affectedSystem, ownerAgency, mainObservable"),
    };

    private static string? SystemName(AffectedSystem? system) => system switch
    {
        null => null,
        { Name: { Length: > 0 } name } => name,
        { Domains.Count: > 0 } => system.Domains[0],
        { Ips.Count: > 0 } => system.Ips[0],
        _ => null,
    };

    private static string? Normalize(string? value) =>
        string.IsNullOrWhiteSpace(value) ? null : value.Trim().Normalize(NormalizationForm.FormC).ToUpper(CultureInfo.InvariantCulture);
}
