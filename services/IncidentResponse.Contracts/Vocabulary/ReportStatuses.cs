namespace IncidentResponse.Contracts.Vocabulary;

/// <summary>
/// The statuses of a report: taken in, then placed in an incident by triage. A report from a channel that
/// cannot prove its sender (e-mail from an unknown or unauthenticated sender) waits for an operator first:
/// confirmed it is received as any other, rejected it stays out of triage.
/// </summary>
public static class ReportStatuses
{
    public const string Received = "received";
    public const string Triaged = "triaged";
    public const string AwaitingConfirmation = "awaiting-confirmation";
    public const string Rejected = "rejected";

    public static IReadOnlyList<string> All { get; } = [Received, Triaged, AwaitingConfirmation, Rejected];
}
