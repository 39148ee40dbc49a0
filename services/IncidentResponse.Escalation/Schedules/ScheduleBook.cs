using IncidentResponse.Escalation.Holidays;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>
/// Every version of the on-call schedules, read from <c>schedules-*.yaml</c> in a directory. Which
/// version applies is decided by time, so past escalations stay explainable. The holiday calendar
/// (<c>holidays-&lt;year&gt;.yaml</c>, beside them, one version per year) decides restrictions on working and
/// non-working days.
/// </summary>
public sealed class ScheduleBook
{
    /// <summary>Reads and checks each file's own consistency; the directory check is <see cref="Validate"/>.</summary>
    public ScheduleBook(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"schedules directory {directory} does not exist");
        }

        Directory = directory;
        Versions = System.IO.Directory.EnumerateFiles(directory, "schedules-*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(path => new ScheduleRuleFile(Path.GetFileName(path), File.ReadAllText(path), ServiceDefaults.Rules.RuleFiles.Read<ScheduleFile>(path)))
            .OrderBy(f => f.Content.EffectiveFromTime)
            .ToList();
        if (Versions.Count == 0)
        {
            throw new InvalidDataException($"{directory} has no schedules-*.yaml");
        }

        Calendar = new WorkCalendar(directory);
        Validate(knownPeople: null, knownUnits: null);
    }

    public string Directory { get; }

    /// <summary>Which days are working days, from the holiday files beside the schedules.</summary>
    public WorkCalendar Calendar { get; }

    /// <summary>The versions, oldest in force first.</summary>
    public IReadOnlyList<ScheduleRuleFile> Versions { get; }

    /// <summary>
    /// Checks every version against the partner directory: unknown people or units, empty rotations,
    /// bad durations, unknown time zones, backwards overrides, duplicate ids or versions. One exception
    /// lists every problem, each with its file and version.
    /// </summary>
    public void Validate(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        var problems = new List<string>();
        foreach (var file in Versions)
        {
            var fileProblems = file.Content.Problems(knownPeople, knownUnits).ToList();
            if (fileProblems.Count > 0)
            {
                problems.Add($"{file.FileName} (schedules {file.Content.Version}): {string.Join("; ", fileProblems)}");
            }
        }

        problems.AddRange(Versions.GroupBy(f => f.Content.Version, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"schedules version {g.Key} is in more than one file ({string.Join(", ", g.Select(f => f.FileName))})"));
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }
    }

    /// <summary>The version in force at <paramref name="at"/>.</summary>
    public ScheduleFile VersionAt(DateTimeOffset at) =>
        Versions.LastOrDefault(f => f.Content.EffectiveFromTime <= at)?.Content
        ?? throw new InvalidOperationException($"no on-call schedules in force at {at:O}");

    /// <summary>Who is on call in <paramref name="schedule"/>, with this book's holiday calendar.</summary>
    public OnCallCalculator Calculator(OnCallSchedule schedule) => new(schedule, Calendar);

    /// <summary>The unit's schedule in the version in force at <paramref name="at"/>; null when that version has none for the unit.</summary>
    public OnCallSchedule? ScheduleAt(string unitCode, DateTimeOffset at) =>
        VersionAt(at).Schedules.SingleOrDefault(s => string.Equals(s.Unit, unitCode, StringComparison.Ordinal));
}

/// <summary>A schedules file as read: its name and text (the record of what was in force) and its meaning.</summary>
public sealed record ScheduleRuleFile(string FileName, string Text, ScheduleFile Content);
