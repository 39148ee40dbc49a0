namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// A request to send an issued document by e-mail (<c>POST …/documents/issued/{id}/send</c>): to whom (directory unit
/// codes, legal recipient roles or e-mail addresses), for which duty, who asked and when. Each recipient's delivery is
/// a notification of the notifications service (<c>GET /api/v1/deliveries?incident=</c>) and lands on the timeline.
/// </summary>
public sealed record DocumentSendingView(
    Guid Id, Guid DocumentId, string? DutyId, IReadOnlyList<string> Recipients, string RequestedBy, DateTimeOffset RequestedAt);
