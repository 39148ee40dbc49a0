using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>
/// <c>POST /api/v1/incidents/{id}/tasks/{key}/assign</c>: who does it (a person and their unit); blank gives it to nobody.
/// <see cref="Checklist"/> as in <see cref="TaskDoneRequest"/>.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AssignTaskRequest(string? Assignee, string? Checklist = null);
