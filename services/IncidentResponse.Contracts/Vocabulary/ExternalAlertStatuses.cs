namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The states of an alert from a monitoring source (stored in Intake's <c>external_alerts.status</c>). A change to
/// <see cref="Acknowledged"/> or <see cref="Resolved"/> is announced under the same name (<see cref="Alerts.ExternalAlertChanges"/>).
/// </summary>
public static class ExternalAlertStatuses
{
    public const string Triggered = "triggered";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";

    public static IReadOnlyList<string> All { get; } = [Triggered, Acknowledged, Resolved];
}
