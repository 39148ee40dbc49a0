using System.Globalization;
using System.Text.RegularExpressions;
using IncidentResponse.Contracts.Api.Tasks;
using IncidentResponse.ServiceDefaults.Rules;
using YamlDotNet.Core;

namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>One playbook file, <c>&lt;slug&gt;.&lt;vi|en&gt;.md</c>: YAML front matter between <c>---</c> lines, then Markdown.</summary>
internal sealed partial record PlaybookFile(string FileName, string Slug, string Language, PlaybookFrontMatter FrontMatter, DateOnly Updated, string Markdown)
{
    public static PlaybookFile Read(string path)
    {
        var fileName = Path.GetFileName(path);
        return Parse(fileName, File.ReadAllText(path));
    }

    public static PlaybookFile Parse(string fileName, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = FileNamePattern().Match(fileName);
        if (!name.Success)
        {
            throw new InvalidDataException($"{fileName}: a playbook file is named <slug>.vi.md or <slug>.en.md (slug: lower-case letters, digits, '-')");
        }

        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var end = Array.IndexOf(lines, "---", 1);
        if (lines.Length == 0 || lines[0].TrimEnd() != "---" || end < 0)
        {
            throw new InvalidDataException($"{fileName}: starts with a front matter block between '---' lines (slug, title, classes, version, updated)");
        }

        PlaybookFrontMatter front;
        try
        {
            front = RuleFiles.Parse<PlaybookFrontMatter>(string.Join('\n', lines[1..end])) ?? new PlaybookFrontMatter();
        }
        catch (YamlException ex)
        {
            throw new InvalidDataException($"{fileName} front matter line {ex.Start.Line + 1}: {ex.InnerException?.Message ?? ex.Message}", ex);
        }

        var slug = name.Groups["slug"].Value;
        var problems = new List<string>();
        if (front.Slug != slug)
        {
            problems.Add($"slug '{front.Slug}' differs from the file name's '{slug}'");
        }

        if (string.IsNullOrWhiteSpace(front.Title))
        {
            problems.Add("title is missing");
        }

        if (front.Classes.Count == 0)
        {
            problems.Add("classes is empty");
        }

        if (string.IsNullOrWhiteSpace(front.Version))
        {
            problems.Add("version is missing");
        }

        if (!DateOnly.TryParseExact(front.Updated, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var updated))
        {
            problems.Add($"updated '{front.Updated}' is not a yyyy-MM-dd date");
        }

        var markdown = string.Join('\n', lines[(end + 1)..]).Trim('\n');
        if (markdown.Length == 0)
        {
            problems.Add("the body is empty");
        }

        return problems.Count == 0
            ? new PlaybookFile(fileName, slug, name.Groups["lang"].Value, front, updated, markdown)
            : throw new InvalidDataException($"{fileName}: {string.Join("; ", problems)}");
    }

    /// <summary>The two languages of one playbook, which must agree on classes, version and date.</summary>
    public static Playbook Combine(PlaybookFile vi, PlaybookFile en)
    {
        if (!vi.FrontMatter.Classes.SequenceEqual(en.FrontMatter.Classes, StringComparer.Ordinal)
            || !vi.FrontMatter.Keywords.SequenceEqual(en.FrontMatter.Keywords, StringComparer.Ordinal)
            || vi.FrontMatter.Version != en.FrontMatter.Version || vi.Updated != en.Updated)
        {
            throw new InvalidDataException($"{vi.FileName} and {en.FileName} must name the same classes, keywords, version and updated date");
        }

        var viChecklist = Checklist(vi.Markdown);
        var enChecklist = Checklist(en.Markdown);
        if (viChecklist.Count != enChecklist.Count)
        {
            throw new InvalidDataException(
                $"{vi.FileName} has {viChecklist.Count} checklist items ('- [ ]') and {en.FileName} {enChecklist.Count}: an incident's tasks pair them up, so both need the same");
        }

        if (viChecklist.Concat(enChecklist).FirstOrDefault(i => i.Length > TaskLimits.MaxTitle) is { } tooLong)
        {
            throw new InvalidDataException($"{vi.Slug}: a checklist item is longer than {TaskLimits.MaxTitle} characters ('{tooLong[..40]}…')");
        }

        if (viChecklist.Count > TaskLimits.MaxChecklistItems)
        {
            throw new InvalidDataException($"{vi.Slug}: {viChecklist.Count} checklist items, at most {TaskLimits.MaxChecklistItems}");
        }

        if (viChecklist.Count > 0 && vi.Slug.Length + 1 + vi.FrontMatter.Version.Length > TaskLimits.MaxChecklistName)
        {
            throw new InvalidDataException($"{vi.Slug}: slug and version together may be at most {TaskLimits.MaxChecklistName - 1} characters (an incident's tasks keep them)");
        }

        return new Playbook(
            vi.Slug,
            [.. vi.FrontMatter.Classes],
            vi.FrontMatter.Version,
            vi.Updated,
            new PlaybookText("vi", vi.FrontMatter.Title.Trim(), vi.Markdown) { Checklist = viChecklist },
            new PlaybookText("en", en.FrontMatter.Title.Trim(), en.Markdown) { Checklist = enChecklist })
        {
            Keywords = [.. vi.FrontMatter.Keywords.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => k.Trim())],
        };
    }

    /// <summary>The text of every unticked task line (<c>- [ ] …</c> or <c>* [ ] …</c>) in order, without code and emphasis marks.</summary>
    internal static List<string> Checklist(string markdown) =>
        [.. markdown.Split('\n').Select(l => ChecklistLine().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["text"].Value.Replace("`", "", StringComparison.Ordinal).Replace("**", "", StringComparison.Ordinal).Trim().Normalize(System.Text.NormalizationForm.FormC))
            .Where(t => t.Length > 0)];

    [GeneratedRegex(@"^\s*[-*] \[ \]\s+(?<text>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ChecklistLine();

    [GeneratedRegex("^(?<slug>[a-z0-9]+(?:-[a-z0-9]+)*)\\.(?<lang>vi|en)\\.md$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
