namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>The statuses of a report: taken in, then placed in an incident by triage.</summary>
public static class ReportStatuses
{
    public const string Received = "received";
    public const string Triaged = "triaged";

    public static IReadOnlyList<string> All { get; } = [Received, Triaged];
}
