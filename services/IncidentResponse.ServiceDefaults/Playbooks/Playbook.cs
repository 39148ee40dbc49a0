namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>One language of a playbook: its title and its Markdown body (front matter removed).</summary>
public sealed record PlaybookText(string Language, string Title, string Markdown);

/// <summary>
/// A response playbook as read from <c>&lt;slug&gt;.vi.md</c> and <c>&lt;slug&gt;.en.md</c>: the classes it
/// covers (exact <c>class:type</c> values or whole classes), its version and both texts.
/// </summary>
public sealed record Playbook(string Slug, IReadOnlyList<string> Classes, string Version, DateOnly Updated, PlaybookText Vi, PlaybookText En)
{
    public static IReadOnlyList<string> Languages { get; } = ["vi", "en"];

    public PlaybookText In(string language) => language == "en" ? En : Vi;
}
