using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Contracts.Alerts;

/// <summary>The values of <see cref="ExternalAlertChanged.Change"/>: another trigger, or the state the alert moved to.</summary>
public static class ExternalAlertChanges
{
    public const string Repeated = "repeated";
    public const string Acknowledged = ExternalAlertStatuses.Acknowledged;
    public const string Resolved = ExternalAlertStatuses.Resolved;
}
