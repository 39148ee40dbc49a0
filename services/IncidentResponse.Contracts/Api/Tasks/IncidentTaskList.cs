namespace IncidentResponse.Contracts.Api.Tasks;

/// <summary>
/// An incident's tasks: the checklist of the playbook they were made from (<see cref="Playbook"/>, <see cref="PlaybookVersion"/>;
/// null when it has none) and those added by hand, in order. <see cref="Kept"/> is false while nobody has acted on them: the
/// items are then the playbook's as it stands for the incident's classification now, and the first action keeps them.
/// </summary>
public sealed record IncidentTaskList(string? Playbook, string? PlaybookVersion, bool Kept, int Done, IReadOnlyList<IncidentTaskView> Items);
