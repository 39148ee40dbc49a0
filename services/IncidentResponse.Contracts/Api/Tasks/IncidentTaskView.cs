namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>
/// One task of an incident (<c>GET /api/v1/incidents/{id}/tasks</c>): a checklist item of its playbook (<see cref="Key"/>
/// <c>p1</c>, <c>p2</c> …) or one added by a person (<c>m1</c> …), who it is given to, and whether, when and by whom it was
/// done. <see cref="AddedAt"/> is null for a playbook item nobody has acted on yet (the list is kept from the first action).
/// </summary>
public sealed record IncidentTaskView(
    string Key, string Source, string TitleVi, string? TitleEn, string? Assignee, DateTimeOffset? DoneAt, string? DoneBy, string? DoneNote,
    string? AddedBy, DateTimeOffset? AddedAt);
