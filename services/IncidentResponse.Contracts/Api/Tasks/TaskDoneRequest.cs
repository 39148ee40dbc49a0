using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary><c>POST /api/v1/incidents/{id}/tasks/{key}/done</c> (what was done, optional) and <c>…/reopen</c> (why, optional).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskDoneRequest(string? Note);
