using System.Text.Json.Serialization;

namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary><c>POST /api/v1/incidents/{id}/tasks</c>: a task beside the playbook's, in Vietnamese (English optional), optionally given to someone.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record AddTaskRequest(string? TitleVi, string? TitleEn, string? Assignee);
