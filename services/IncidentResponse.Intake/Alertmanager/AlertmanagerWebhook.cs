namespace IncidentResponse.Intake.Alertmanager;

/// <summary>The body Prometheus Alertmanager's <c>webhook_configs</c> posts (payload version 4).</summary>
public sealed record AlertmanagerWebhook(
    string? Version,
    string? GroupKey,
    int? TruncatedAlerts,
    string? Status,
    string? Receiver,
    Dictionary<string, string>? GroupLabels,
    Dictionary<string, string>? CommonLabels,
    Dictionary<string, string>? CommonAnnotations,
    string? ExternalUrl,
    IReadOnlyList<AlertmanagerWebhook.Alert?>? Alerts)
{
    public sealed record Alert(
        string? Status,
        Dictionary<string, string>? Labels,
        Dictionary<string, string>? Annotations,
        DateTimeOffset? StartsAt,
        DateTimeOffset? EndsAt,
        string? GeneratorUrl,
        string? Fingerprint);
}
