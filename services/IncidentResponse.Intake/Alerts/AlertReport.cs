using System.Globalization;
using System.Net;
using System.Text;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Integrations;
using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Alerts;

/// <summary>
/// Turns a machine's alert into a report with the integration's defaults: its classification,
/// owner agency and TLP, the facts of the systems it watches (security level, ISP, whether the owner can
/// handle it: what makes an incident serious and engages its provider), and its map from the source's
/// severity to our impact factors. The source
/// (host) is the affected system. The alert's own key is the main observable: two alerts are two
/// incidents (as at PagerDuty; Alertmanager names every source "Alertmanager"), while a new alert
/// under a key whose incident is still open (left open by an annotating integration) joins it. An integration that names a
/// system of the register gives its alerts that code: intake fills what the integration leaves unset from the register
/// (<see cref="AlertIntake"/>).
/// </summary>
public static class AlertReport
{
    public static IncidentReport Build(IntegrationSource integration, AlertFacts facts, string dedupKey, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(integration);
        ArgumentNullException.ThrowIfNull(facts);
        var impact = IntegrationDefaults.SeverityMapOf(integration).GetValueOrDefault(facts.Severity);
        var detectedAt = facts.Timestamp is { } t && t <= now.AddMinutes(5) ? t : now;
        var system = new AffectedSystem(
            Name: AlertIntake.Truncate(facts.Source, ReportValidation.MaxText),
            OwnerAgency: integration.OwnerAgency,
            Operator: null,
            SecurityLevel: integration.SecurityLevel,
            Isp: integration.Isp,
            SecurityProvider: null,
            Domains: [],
            Ips: IPAddress.TryParse(facts.Source, out _) ? [facts.Source] : [],
            Services: facts.Component is { Length: > 0 } c ? [AlertIntake.Truncate(c, ReportValidation.MaxText)] : [],
            OperatingSystem: null,
            Purpose: null,
            Code: integration.SystemCode);
        return new IncidentReport(
            Title: AlertIntake.Truncate(facts.Summary, ReportValidation.MaxTitle),
            Description: AlertIntake.Truncate(Describe(integration, facts), ReportValidation.MaxDescription),
            Classification: integration.Classification,
            Tlp: integration.Tlp,
            DetectedAt: detectedAt,
            DetectedAtAssumed: facts.Timestamp is null,
            Reporter: new Reporter(integration.Name, integration.OwnerAgency, null, null, null),
            Contact: null,
            AffectedSystem: system,
            Impact: new ImpactAssessment(impact?.Functional, impact?.Information, impact?.Recoverability, impact?.ServiceInterrupted, integration.OwnerCanHandle, null),
            Observables: [new Observable("other", $"alert:{integration.Id:N}:{dedupKey}")],
            CurrentStatus: "not-handled",
            DetectionMethod: DetectionMethods.Monitoring,
            AlreadyNotified: [],
            MeasuresInPlace: [],
            Recommendations: null,
            IsLegalInitialReport: false);
    }

    private static string Describe(IntegrationSource integration, AlertFacts facts)
    {
        var text = new StringBuilder();
        text.AppendLine(facts.Summary);
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Hệ thống giám sát / Monitoring source: {integration.Name}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Nguồn / Source: {facts.Source}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Mức của nguồn / Source severity: {facts.Severity}");
        Line(text, "Thành phần / Component", facts.Component);
        Line(text, "Nhóm / Group", facts.Group);
        Line(text, "Loại / Class", facts.Class);
        if (!string.IsNullOrWhiteSpace(facts.Details))
        {
            text.AppendLine();
            text.AppendLine("Chi tiết / Details:");
            text.AppendLine(facts.Details);
        }

        return text.ToString().TrimEnd();
    }

    private static void Line(StringBuilder text, string label, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{label}: {value}");
        }
    }
}
