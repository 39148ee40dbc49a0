using System.Text.Json;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>One entry of an incident's hash-chained timeline (<c>GET /api/v1/incidents/{id}/timeline</c>).</summary>
public sealed record TimelineEntryView(
    int Sequence, DateTimeOffset OccurredAt, string Kind, string ActorId, string ActorName, string Channel,
    string SummaryVi, string SummaryEn, JsonElement? Data, string PreviousHash, string Hash);
