using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Evidence;

/// <summary>
/// <c>POST /api/v1/incidents/{id}/evidence/{evidenceId}/custody</c>: the item is handed to <see cref="To"/> (a person and their
/// unit, e.g. "Đại úy Nguyễn Văn B, PA05 Công an tỉnh"), with an optional note (the hand-over record's number).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CustodyTransferRequest(string? To, string? Note);
