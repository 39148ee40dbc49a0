namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>
/// An incident's tasks: the checklist of the playbook they were made from (<see cref="Playbook"/>, <see cref="PlaybookVersion"/>,
/// its titles while the playbook is installed; null when no playbook covers the incident) and those added by hand, in order.
/// <see cref="Kept"/> is false while the checklist is not stored: its items are then the playbook's as it stands for the
/// incident's classification now, and the first change stores them. A change sent with <see cref="Checklist"/> is refused
/// when the list it would touch came from another playbook or version (the page was read before a reclassification):
/// <c>slug@version</c>, null when the list has no playbook item.
/// </summary>
public sealed record IncidentTaskList(
    string? Playbook, string? PlaybookVersion, string? PlaybookTitleVi, string? PlaybookTitleEn, bool Kept, int Done, IReadOnlyList<IncidentTaskView> Items,
    string? Checklist);
