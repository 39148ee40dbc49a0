namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>How an incident was detected: the values of a report's <c>detectionMethod</c>.</summary>
public static class DetectionMethods
{
    /// <summary>An intrusion detection system.</summary>
    public const string Ids = "ids";

    /// <summary>System logs.</summary>
    public const string Logs = "logs";

    /// <summary>Someone else told the reporter (also every e-mailed report).</summary>
    public const string Notified = "notified";

    /// <summary>Monitoring (also every machine alert).</summary>
    public const string Monitoring = "monitoring";

    public const string Other = "other";

    public static IReadOnlyList<string> All { get; } = [Ids, Logs, Notified, Monitoring, Other];
}
