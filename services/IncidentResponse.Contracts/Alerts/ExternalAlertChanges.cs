namespace IncidentResponse.Contracts.Alerts;

/// <summary>The values of <see cref="ExternalAlertChanged.Change"/>.</summary>
public static class ExternalAlertChanges
{
    public const string Repeated = "repeated";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
}
