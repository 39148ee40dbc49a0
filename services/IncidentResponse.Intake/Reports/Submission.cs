using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// A validated report as a door hands it to <see cref="ReportInbox"/> or <see cref="ReportWriter"/>: who sent it,
/// its idempotency key and the hash of the request that carried it, why it waits for an operator (null: it goes
/// to triage), and the files that came with it (stored in the same transaction).
/// </summary>
public sealed record Submission(
    IncidentReport Report,
    ReportOrigin Origin,
    string? IdempotencyKey = null,
    string? RequestHash = null,
    string? HoldReason = null,
    IReadOnlyList<ReportAttachment>? Attachments = null);
