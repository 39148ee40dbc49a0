using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.ServiceDefaults.Playbooks;

/// <summary>
/// Every response playbook of the playbooks directory, validated together, and which one answers an
/// incident's classification: among the playbooks naming the exact <c>class:type</c> (else its class), the
/// first whose <see cref="Playbook.Keywords"/> are in the incident's title, else the one without keywords;
/// else none. RSIT files ransomware and defacement under one type (unauthorised modification), so the
/// title tells them apart. Both the console (which renders them) and notifications (which link to them) use it.
/// </summary>
public sealed class PlaybookIndex
{
    /// <summary>The setting naming the directory; the copies beside the Host (<c>Playbooks/</c>) by default.</summary>
    public const string DirectorySetting = "Web:PlaybooksDirectory";

    private readonly Dictionary<string, Playbook> _bySlug;
    private readonly Dictionary<string, List<Playbook>> _byClass;

    public PlaybookIndex(IEnumerable<Playbook> playbooks)
    {
        ArgumentNullException.ThrowIfNull(playbooks);
        All = [.. playbooks.OrderBy(p => p.Slug, StringComparer.Ordinal)];
        var problems = new List<string>();
        _bySlug = new(StringComparer.Ordinal);
        _byClass = new(StringComparer.Ordinal);
        foreach (var playbook in All)
        {
            if (!_bySlug.TryAdd(playbook.Slug, playbook))
            {
                problems.Add($"slug '{playbook.Slug}' is used twice");
            }

            foreach (var value in playbook.Classes)
            {
                if (!IsKnownClass(value))
                {
                    problems.Add($"{playbook.Slug}: '{value}' is neither an RSIT class nor a class:type value");
                }
                else if (_byClass.TryGetValue(value, out var named))
                {
                    if (playbook.Keywords.Count == 0 && named.FirstOrDefault(p => p.Keywords.Count == 0) is { } other)
                    {
                        problems.Add($"{playbook.Slug}: '{value}' is already covered by {other.Slug} (give one of them keywords)");
                    }

                    named.Add(playbook);
                }
                else
                {
                    _byClass[value] = [playbook];
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }
    }

    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "Playbooks");

    /// <summary>The playbooks ordered by slug.</summary>
    public IReadOnlyList<Playbook> All { get; }

    public Playbook? Find(string slug) => _bySlug.GetValueOrDefault(slug);

    /// <summary>
    /// The playbook for <paramref name="classification"/> and the incident's <paramref name="title"/>: exact value first,
    /// then its class; at each, the one whose keywords the title has, else the one without keywords. Null when none covers it.
    /// </summary>
    public Playbook? For(string? classification, string? title = null)
    {
        if (string.IsNullOrWhiteSpace(classification))
        {
            return null;
        }

        return Pick(classification, title)
            ?? (classification.Contains(':', StringComparison.Ordinal) ? Pick(Rsit.ClassOf(classification), title) : null);
    }

    /// <summary>Every playbook that can answer <paramref name="classification"/> (naming its exact value or its class), the one <see cref="For"/> gives without a title first.</summary>
    public IReadOnlyList<Playbook> Candidates(string? classification)
    {
        var first = For(classification);
        if (first is null)
        {
            return [];
        }

        var named = _byClass.GetValueOrDefault(classification!) ?? [];
        var whole = classification!.Contains(':', StringComparison.Ordinal) ? _byClass.GetValueOrDefault(Rsit.ClassOf(classification)) ?? [] : [];
        return [first, .. named.Concat(whole).Where(p => p != first).Distinct().OrderBy(p => p.Slug, StringComparer.Ordinal)];
    }

    private Playbook? Pick(string value, string? title) =>
        _byClass.TryGetValue(value, out var named)
            ? named.FirstOrDefault(p => p.MatchesTitle(title)) ?? named.FirstOrDefault(p => p.Keywords.Count == 0)
            : null;

    /// <summary>Reads and validates every <c>*.md</c> playbook of <paramref name="directory"/> (not the README).</summary>
    /// <exception cref="InvalidDataException">A file is malformed, a language is missing, a slug repeats or a class is unknown.</exception>
    public static PlaybookIndex Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"{DirectorySetting} {directory} does not exist");
        }

        var files = Directory.EnumerateFiles(directory, "*.md")
            .Where(f => !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .Select(PlaybookFile.Read)
            .ToList();
        if (files.Count == 0)
        {
            throw new InvalidDataException($"{directory} has no playbook (<slug>.vi.md and <slug>.en.md)");
        }

        var playbooks = new List<Playbook>();
        foreach (var group in files.GroupBy(f => f.Slug, StringComparer.Ordinal))
        {
            var vi = group.Where(f => f.Language == "vi").ToList();
            var en = group.Where(f => f.Language == "en").ToList();
            if (vi.Count != 1 || en.Count != 1)
            {
                throw new InvalidDataException($"playbook '{group.Key}' needs exactly one Vietnamese and one English file ({string.Join(", ", group.Select(f => f.FileName))})");
            }

            playbooks.Add(PlaybookFile.Combine(vi[0], en[0]));
        }

        return new PlaybookIndex(playbooks);
    }

    private static bool IsKnownClass(string value) =>
        value.Contains(':', StringComparison.Ordinal) ? Rsit.IsKnown(value) : Rsit.Classes.ContainsKey(value);
}
