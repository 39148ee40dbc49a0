namespace IncidentResponse.Web.Playbooks;

/// <summary>What chooses an incident's playbook: its RSIT classification and its title (see <see cref="ServiceDefaults.Playbooks.PlaybookIndex.For"/>).</summary>
public sealed record PlaybookFor(string? Classification, string? Title);
