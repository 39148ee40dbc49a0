namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>The YAML block between <c>---</c> lines at the top of a playbook file (read strictly: unknown keys are errors).</summary>
public sealed class PlaybookFrontMatter
{
    public string Slug { get; set; } = "";

    public string Title { get; set; } = "";

    /// <summary>RSIT values (<c>availability:ddos</c>) or whole classes (<c>malicious-code</c>) the playbook covers.</summary>
    public List<string> Classes { get; set; } = [];

    /// <summary>
    /// Words of an incident's title that choose this playbook among those naming the same class (RSIT gives
    /// ransomware and defacement one type); none: the playbook for the class when no other one's words match.
    /// </summary>
    public List<string> Keywords { get; set; } = [];

    public string Version { get; set; } = "";

    public string Updated { get; set; } = "";
}
