using IncidentResponse.ServiceDefaults.Playbooks;

namespace IncidentResponse.Web.Playbooks;

/// <summary>One language of a playbook, rendered: safe HTML and the "first steps" the incident page shows.</summary>
public sealed record RenderedPlaybook(
    string Slug, string Language, string Title, IReadOnlyList<string> Classes, string Version, DateOnly Updated,
    string Markdown, string Html, IReadOnlyList<string> FirstSteps);

/// <summary>
/// The response playbooks of the <see cref="PlaybookIndex"/>, rendered once at start in both languages.
/// Each text must have its first-steps section (<c>## 15 phút đầu tiên</c> / <c>## First 15 minutes</c>)
/// with a list: the incident page and the notifications' readers rely on it.
/// </summary>
public sealed class PlaybookLibrary
{
    public const string FirstStepsVi = "15 phút đầu tiên";
    public const string FirstStepsEn = "First 15 minutes";

    private readonly Dictionary<(string Slug, string Language), RenderedPlaybook> _rendered = [];

    /// <exception cref="InvalidDataException">A text lacks its first-steps section.</exception>
    public PlaybookLibrary(PlaybookIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        Index = index;
        var problems = new List<string>();
        foreach (var playbook in index.All)
        {
            foreach (var language in Playbook.Languages)
            {
                var text = playbook.In(language);
                var document = PlaybookMarkdown.Parse(text.Markdown);
                var heading = language == "en" ? FirstStepsEn : FirstStepsVi;
                var firstSteps = PlaybookMarkdown.ItemsUnder(document, heading);
                if (firstSteps.Count == 0)
                {
                    problems.Add($"{playbook.Slug}.{language}.md has no list under '## {heading}'");
                }

                _rendered[(playbook.Slug, language)] = new RenderedPlaybook(
                    playbook.Slug, language, text.Title, playbook.Classes, playbook.Version, playbook.Updated,
                    text.Markdown, PlaybookMarkdown.ToHtml(document), firstSteps);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }
    }

    public PlaybookIndex Index { get; }

    public IReadOnlyList<Playbook> All => Index.All;

    /// <summary>The playbook <paramref name="slug"/> in <paramref name="language"/> (<c>vi</c> unless <c>en</c>), or null.</summary>
    public RenderedPlaybook? Find(string slug, string language) =>
        _rendered.GetValueOrDefault((slug, language == "en" ? "en" : "vi"));

    /// <summary>The playbook for an incident's classification and title (exact value, then its class; see <see cref="PlaybookIndex.For"/>), or null.</summary>
    public RenderedPlaybook? For(string? classification, string language, string? title = null) =>
        Index.For(classification, title) is { } playbook ? Find(playbook.Slug, language) : null;
}
