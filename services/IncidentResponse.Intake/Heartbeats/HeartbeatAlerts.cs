using IncidentResponse.Access.Integrations;
using IncidentResponse.Intake.Alerts;

namespace IncidentResponse.Intake.Heartbeats;

/// <summary>A missed heartbeat as an alert of its integration, under the dedup key <c>heartbeat:&lt;name&gt;</c>.</summary>
public static class HeartbeatAlerts
{
    private const string Prefix = "heartbeat:";

    public static string DedupKey(string name) => Prefix + name;

    /// <summary>The heartbeat a dedup key names, or null when it is none of theirs.</summary>
    public static string? NameOf(string dedupKey) =>
        dedupKey is not null && dedupKey.StartsWith(Prefix, StringComparison.Ordinal) ? dedupKey[Prefix.Length..] : null;

    /// <summary>A returning ping annotates the incident; closing it is a person's decision.</summary>
    public static AlertSource Source(IntegrationSource integration) =>
        AlertSource.Of(integration, AlertSource.HeartbeatChannel) with { OnResolve = ResolveBehaviours.Annotate };

    public static string MissedSummary(Heartbeat heartbeat, IntegrationSource integration) =>
        $"Mất tín hiệu định kỳ / Missed heartbeat: {heartbeat.Name} ({integration.Name}, mỗi / every {heartbeat.IntervalSeconds} s)";

    public static AlertFacts Missed(Heartbeat heartbeat, IntegrationSource integration) => new(
        MissedSummary(heartbeat, integration), heartbeat.Name, "critical", heartbeat.DueAt, null, null, "heartbeat",
        $"Lần cuối / last ping: {heartbeat.LastPingAt?.ToString("O", System.Globalization.CultureInfo.InvariantCulture) ?? "—"}; hạn / due: {heartbeat.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)}");
}
