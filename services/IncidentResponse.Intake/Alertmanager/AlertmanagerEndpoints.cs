using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Intake.Alertmanager;

/// <summary>
/// <c>POST /api/v1/integrations/alertmanager</c>: Alertmanager's generic webhook (payload v4),
/// authenticated by an integration key of kind <c>alertmanager</c> as bearer token (any other key: 403). One alert (so one incident) per group key:
/// <c>firing</c> triggers it, <c>resolved</c> resolves or annotates per the integration's setting.
/// </summary>
public static class AlertmanagerEndpoints
{
    public sealed record WebhookAccepted(string Outcome, string DedupKey, Guid? AlertId, Guid? ReportId);

    public static IEndpointRouteBuilder MapAlertmanagerWebhook(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/integrations/alertmanager", ReceiveAsync).RequireAuthorization(AccessPolicies.AlertmanagerWebhook)
            .RequireRateLimiting(RateLimitPolicies.Alertmanager).WithTags("Machine intake")
            .Produces<WebhookAccepted>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> ReceiveAsync(HttpContext http, AccessDbContext access, AlertIntake alerts, TimeProvider time)
    {
        var integration = await access.FindByActorAsync(http.User.ActorId(), http.RequestAborted);
        if (integration is null || integration.Kind != IntegrationKinds.Alertmanager)
        {
            return Problems.Status(StatusCodes.Status403Forbidden, "Cần khóa tích hợp loại alertmanager / An alertmanager integration key is required",
                "Cấp bằng POST /api/v1/integrations với kind alertmanager / issue one with POST /api/v1/integrations, kind alertmanager, and use it as the bearer token");
        }

        var read = await http.Request.ReadJsonAsync<AlertmanagerWebhook>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var hook = read.Value!;
        var errors = new Dictionary<string, string[]>();
        if (hook.Version != "4")
        {
            errors["version"] = ["Chỉ hỗ trợ phiên bản 4 / only payload version 4 is supported"];
        }

        if (string.IsNullOrWhiteSpace(hook.GroupKey))
        {
            errors["groupKey"] = ["Bắt buộc / required"];
        }

        if (hook.Status is not ("firing" or "resolved"))
        {
            errors["status"] = ["Một trong / one of: firing, resolved"];
        }

        if (hook.Alerts is null || hook.Alerts.Any(a => a is null))
        {
            errors["alerts"] = ["Bắt buộc, một mảng cảnh báo / required, an array of alerts"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var dedupKey = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hook.GroupKey!)));
        var facts = Facts(hook, integration);
        var outcome = await alerts.ApplyAsync(AlertSource.Of(integration, AlertSource.AlertmanagerChannel),
            hook.Status == "firing" ? AlertAction.Trigger : AlertAction.Resolve, dedupKey, facts.Summary,
            () => AlertReport.Build(integration, facts, dedupKey, now), http.RequestAborted);
        return Results.Ok(new WebhookAccepted(outcome.Result, dedupKey, outcome.AlertId, outcome.ReportId));
    }

    private static AlertFacts Facts(AlertmanagerWebhook hook, IntegrationSource integration)
    {
        var common = hook.CommonLabels ?? [];
        var annotations = hook.CommonAnnotations ?? [];
        var group = string.Join(", ", (hook.GroupLabels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var count = hook.Alerts!.Count;
        var summary = annotations.GetValueOrDefault("summary") ?? annotations.GetValueOrDefault("description")
            ?? $"[{hook.Status!.ToUpperInvariant()}:{count}] {common.GetValueOrDefault("alertname") ?? group}";
        var source = common.GetValueOrDefault("instance") ?? common.GetValueOrDefault("job") ?? integration.Name;
        var details = new StringBuilder();
        details.AppendLine(CultureInfo.InvariantCulture, $"Alertmanager: {hook.Status} ({count} alert(s){(hook.TruncatedAlerts > 0 ? $", {hook.TruncatedAlerts} truncated" : "")}), group {group}");
        if (!string.IsNullOrEmpty(hook.ExternalUrl))
        {
            details.AppendLine(hook.ExternalUrl);
        }

        foreach (var alert in hook.Alerts!)
        {
            var labels = string.Join(", ", (alert!.Labels ?? []).OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
            details.AppendLine(CultureInfo.InvariantCulture, $"- {alert.Status} since {alert.StartsAt:O}: {labels}");
            foreach (var (name, value) in alert.Annotations ?? [])
            {
                details.AppendLine(CultureInfo.InvariantCulture, $"  {name}: {value}");
            }

            if (!string.IsNullOrEmpty(alert.GeneratorUrl))
            {
                details.AppendLine(CultureInfo.InvariantCulture, $"  {alert.GeneratorUrl}");
            }
        }

        var startsAt = hook.Alerts!.Where(a => a!.StartsAt is { Year: > 1 }).Select(a => a!.StartsAt).Min();
        return new AlertFacts(AlertIntake.Truncate(summary, 1024), AlertIntake.Truncate(source, 500), Severity(common.GetValueOrDefault("severity")), startsAt,
            common.GetValueOrDefault("job"), group, common.GetValueOrDefault("alertname"), details.ToString().TrimEnd());
    }

    /// <summary>Common label values of <c>severity</c> onto the Events API's four.</summary>
    internal static string Severity(string? label) => label?.Trim().ToUpperInvariant() switch
    {
        "CRITICAL" or "EMERGENCY" or "ALERT" or "PAGE" or "FATAL" => "critical",
        "ERROR" or "HIGH" or "MAJOR" => "error",
        "INFO" or "INFORMATIONAL" or "LOW" or "NONE" or "OK" => "info",
        _ => "warning",
    };
}
