using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Holidays;

/// <summary>
/// Which local dates are working days: the <c>holidays-&lt;year&gt;.yaml</c> files of a directory, one per year.
/// A year without a file has only its weekends off (Saturday and Sunday), and says so (<see cref="YearsWithout"/>).
/// One version of a year is in force: a new version changes how any time of that year is read, past ones too
/// (the text of every version used stays recorded in the database).
/// </summary>
public sealed class WorkCalendar
{
    private static readonly HolidayFile WeekendOnlyYear = new();

    private readonly Dictionary<int, HolidayFile> years;
    private readonly Dictionary<DateOnly, CalendarDay> days;

    /// <summary>Reads every <c>holidays-*.yaml</c> of <paramref name="directory"/> (none is allowed) and checks them.</summary>
    /// <exception cref="InvalidDataException">A file has problems, or two files are for the same year; every problem is named.</exception>
    public WorkCalendar(string directory)
        : this(System.IO.Directory.Exists(directory)
            ? System.IO.Directory.EnumerateFiles(directory, "holidays-*.yaml")
                .Order(StringComparer.Ordinal)
                .Select(path => new HolidayRuleFile(Path.GetFileName(path), File.ReadAllText(path), RuleFiles.Read<HolidayFile>(path)))
                .ToList()
            : [])
    {
    }

    /// <inheritdoc cref="WorkCalendar(string)"/>
    public WorkCalendar(IReadOnlyList<HolidayRuleFile> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var problems = files
            .Select(f => (f, p: f.Content.Problems().ToList()))
            .Where(x => x.p.Count > 0)
            .Select(x => $"{x.f.FileName} (holidays {x.f.Content.Version}): {string.Join("; ", x.p)}")
            .Concat(files.Where(f => !f.FileName.StartsWith($"holidays-{f.Content.Year}", StringComparison.Ordinal))
                .Select(f => $"{f.FileName}: holds the year {f.Content.Year}; name it holidays-{f.Content.Year}.yaml"))
            .Concat(files.GroupBy(f => f.Content.Year).Where(g => g.Count() > 1)
                .Select(g => $"holidays of {g.Key} are in more than one file ({string.Join(", ", g.Select(f => f.FileName))})"))
            .ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException(string.Join("; ", problems));
        }

        Versions = files;
        years = files.ToDictionary(f => f.Content.Year, f => f.Content);
        days = files.SelectMany(f => f.Content.Days)
            .ToDictionary(d => CalendarDay.TryParseDate(d.Date, out var date) ? date : default);
    }

    /// <summary>No holidays: Monday to Friday are working days.</summary>
    public static WorkCalendar WeekendsOnly { get; } = new([]);

    /// <summary>The files as read, by year.</summary>
    public IReadOnlyList<HolidayRuleFile> Versions { get; }

    public bool IsWorkingDay(DateOnly date)
    {
        if (days.TryGetValue(date, out var listed))
        {
            return listed.Kind == HolidayFile.Working;
        }

        return !years.GetValueOrDefault(date.Year, WeekendOnlyYear).IsWeekend(date.DayOfWeek);
    }

    /// <summary>The listed days (holidays, days off, weekend days worked) from <paramref name="from"/> to <paramref name="to"/>, both included, in order.</summary>
    public IReadOnlyList<(DateOnly Date, CalendarDay Day, string Version)> Listed(DateOnly from, DateOnly to) =>
        days.Where(d => from <= d.Key && d.Key <= to)
            .OrderBy(d => d.Key)
            .Select(d => (d.Key, d.Value, years[d.Key.Year].Version))
            .ToList();

    /// <summary>The years from <paramref name="from"/> to <paramref name="to"/> that have no file: only their weekends are known to be off.</summary>
    public IReadOnlyList<int> YearsWithout(DateOnly from, DateOnly to) =>
        Enumerable.Range(from.Year, Math.Max(0, to.Year - from.Year + 1)).Where(y => !years.ContainsKey(y)).ToList();
}

/// <summary>A holidays file as read: its name and text (the record of what was in force) and its meaning.</summary>
public sealed record HolidayRuleFile(string FileName, string Text, HolidayFile Content);
