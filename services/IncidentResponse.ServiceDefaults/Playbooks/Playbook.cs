namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>One language of a playbook: its title and its Markdown body (front matter removed).</summary>
public sealed record PlaybookText(string Language, string Title, string Markdown)
{
    /// <summary>
    /// Its checklist: each <c>- [ ]</c> line's text in order, without Markdown's code and emphasis marks. An incident's
    /// tasks are made from it (the Vietnamese and English items pair up by position).
    /// </summary>
    public IReadOnlyList<string> Checklist { get; init; } = [];
}

/// <summary>
/// A response playbook as read from <c>&lt;slug&gt;.vi.md</c> and <c>&lt;slug&gt;.en.md</c>: the classes it
/// covers (exact <c>class:type</c> values or whole classes), its version and both texts.
/// </summary>
public sealed record Playbook(string Slug, IReadOnlyList<string> Classes, string Version, DateOnly Updated, PlaybookText Vi, PlaybookText En)
{
    /// <summary>Words of the incident's title that choose this playbook among those naming the same class; empty for the class's default.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Whether one of <see cref="Keywords"/> is in <paramref name="title"/> (ignoring case; Unicode NFC).</summary>
    public bool MatchesTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title) || Keywords.Count == 0)
        {
            return false;
        }

        var normal = title.Normalize(System.Text.NormalizationForm.FormC);
        return Keywords.Any(k => normal.Contains(k.Normalize(System.Text.NormalizationForm.FormC), StringComparison.OrdinalIgnoreCase));
    }

    public static IReadOnlyList<string> Languages { get; } = ["vi", "en"];

    public PlaybookText In(string language) => language == "en" ? En : Vi;
}
