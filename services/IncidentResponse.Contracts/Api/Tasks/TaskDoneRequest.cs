using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>
/// <c>POST /api/v1/incidents/{id}/tasks/{key}/done</c> (<see cref="Note"/>: what was done, optional) and <c>…/reopen</c>
/// (<see cref="Note"/>: why, optional). <see cref="Checklist"/>, optional: the <c>slug@version</c> the reader saw (see
/// <see cref="IncidentTaskList.Checklist"/>); another one answers 409 and changes nothing.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record TaskDoneRequest(string? Note, string? Checklist = null);
