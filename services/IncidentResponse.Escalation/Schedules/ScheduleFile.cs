using System.Globalization;
using System.Text.RegularExpressions;
using IncidentResponse.Escalation.Holidays;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>
/// One version of the on-call schedules as written in <c>schedules-*.yaml</c>: per unit, ordered
/// rotation layers (later layers win where they have someone on call) and overrides that replace
/// whoever is on call for an interval. Times in layers and overrides are local to the schedule's zone.
/// </summary>
public sealed partial class ScheduleFile
{
    public string Version { get; set; } = "";

    /// <summary>A date and time with offset, e.g. <c>2026-01-01T00:00:00+07:00</c>.</summary>
    public string EffectiveFrom { get; set; } = "";

    public List<OnCallSchedule> Schedules { get; set; } = [];

    public DateTimeOffset EffectiveFromTime =>
        TryParseEffectiveFrom(EffectiveFrom, out var at) ? at : DateTimeOffset.MaxValue;

    /// <summary>
    /// Every mistake in the file, in one <see cref="InvalidDataException"/> naming the version and the
    /// schedule, layer or override. <paramref name="knownPeople"/> and <paramref name="knownUnits"/> come
    /// from the partner directory; pass <c>null</c> to check only the file's own consistency.
    /// </summary>
    public void Validate(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        var problems = Problems(knownPeople, knownUnits).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"schedules {Version}: {string.Join("; ", problems)}");
        }
    }

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        if (string.IsNullOrWhiteSpace(Version))
        {
            yield return "version is missing";
        }

        if (!TryParseEffectiveFrom(EffectiveFrom, out _))
        {
            yield return $"effectiveFrom '{EffectiveFrom}' is not a date and time with offset, e.g. 2026-01-01T00:00:00+07:00";
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var units = new HashSet<string>(StringComparer.Ordinal);
        foreach (var schedule in Schedules)
        {
            if (string.IsNullOrWhiteSpace(schedule.Id) || !ids.Add(schedule.Id))
            {
                yield return $"schedule id '{schedule.Id}' is missing or listed twice";
            }

            if (!string.IsNullOrWhiteSpace(schedule.Unit) && !units.Add(schedule.Unit))
            {
                yield return $"schedule {schedule.Id}: unit {schedule.Unit} already has a schedule in this version";
            }

            foreach (var problem in schedule.Problems(knownPeople, knownUnits))
            {
                yield return $"schedule {schedule.Id}: {problem}";
            }
        }
    }

    private static bool TryParseEffectiveFrom(string text, out DateTimeOffset at)
    {
        at = default;
        return !string.IsNullOrWhiteSpace(text)
            && ExplicitOffset().IsMatch(text.Trim())
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    /// <summary>A time without an offset would be read in the server's zone; the file must say which offset it means.</summary>
    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex ExplicitOffset();
}

/// <summary>The on-call schedule of one unit.</summary>
public sealed class OnCallSchedule
{
    public const string DefaultTimeZone = "Asia/Ho_Chi_Minh";

    public string Id { get; set; } = "";

    /// <summary>Unit code from the partner directory, e.g. <c>vnpt-bn</c>.</summary>
    public string Unit { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>IANA time zone in which layer starts, restrictions and overrides are written.</summary>
    public string TimeZone { get; set; } = DefaultTimeZone;

    /// <summary>Ordered: a later layer wins over earlier ones wherever it has someone on call.</summary>
    public List<ScheduleLayer> Layers { get; set; } = [];

    /// <summary>Replace whoever the layers put on call for an interval; a later override wins over an earlier one.</summary>
    public List<ScheduleOverride> Overrides { get; set; } = [];

    /// <summary>The schedule's problems, each naming the layer or override; empty when the schedule can be computed.</summary>
    public IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople, IReadOnlySet<string>? knownUnits)
    {
        if (string.IsNullOrWhiteSpace(Unit))
        {
            yield return "unit is missing";
        }
        else if (knownUnits is not null && !knownUnits.Contains(Unit))
        {
            yield return $"unit {Unit} is not in the directory";
        }

        if (string.IsNullOrWhiteSpace(NameVi) || string.IsNullOrWhiteSpace(NameEn))
        {
            yield return "nameVi and nameEn are required";
        }

        if (!LocalClock.TryFindZone(TimeZone, out _))
        {
            yield return $"time zone '{TimeZone}' is not a known IANA time zone";
        }

        if (Layers.Count == 0)
        {
            yield return "has no layers";
        }

        var layerIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var layer in Layers)
        {
            if (string.IsNullOrWhiteSpace(layer.Id) || !layerIds.Add(layer.Id))
            {
                yield return $"layer id '{layer.Id}' is missing or listed twice";
            }

            foreach (var problem in layer.Problems(knownPeople))
            {
                yield return $"layer {layer.Id}: {problem}";
            }
        }

        for (var i = 0; i < Overrides.Count; i++)
        {
            var o = Overrides[i];
            var name = $"override {i + 1} ({o.Person} {o.From}–{o.To})";
            if (string.IsNullOrWhiteSpace(o.Person))
            {
                yield return $"{name}: person is missing";
            }
            else if (knownPeople is not null && !knownPeople.Contains(o.Person))
            {
                yield return $"{name}: unknown person {o.Person}";
            }

            var from = LocalClock.TryParseLocal(o.From, out var f);
            var to = LocalClock.TryParseLocal(o.To, out var t);
            if (!from || !to)
            {
                yield return $"{name}: from and to must be local date-times such as 2026-02-16T08:00";
            }
            else if (t <= f)
            {
                yield return $"{name}: to must be after from";
            }
        }
    }
}

/// <summary>A rotation: members take turns of length <see cref="Rotation"/>, handing off at local wall-clock times.</summary>
public sealed class ScheduleLayer
{
    public string Id { get; set; } = "";

    /// <summary>Local date-time in the schedule's zone when the first member's turn starts, e.g. <c>2026-01-05T08:00</c>.</summary>
    public string Start { get; set; } = "";

    /// <summary>Length of one turn: <c>1d</c>, <c>7d</c>, <c>12h</c>, <c>P7D</c>, <c>PT12H</c>.</summary>
    public string Rotation { get; set; } = "";

    /// <summary>Person ids from the partner directory, in turn order.</summary>
    public List<string> Members { get; set; } = [];

    /// <summary>Daily local windows when the layer is on call; outside them the layer has nobody. Absent: all day.</summary>
    public List<DailyWindow>? Restrictions { get; set; }

    internal IEnumerable<string> Problems(IReadOnlySet<string>? knownPeople)
    {
        if (!LocalClock.TryParseLocal(Start, out _))
        {
            yield return $"start '{Start}' is not a local date-time such as 2026-01-05T08:00";
        }

        string? rotationProblem = null;
        try
        {
            if (Durations.Parse(Rotation) <= TimeSpan.Zero)
            {
                rotationProblem = $"rotation '{Rotation}' must be longer than zero";
            }
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException)
        {
            rotationProblem = $"rotation '{Rotation}' is not a duration such as 7d, 12h or P7D";
        }

        if (rotationProblem is not null)
        {
            yield return rotationProblem;
        }

        if (Members.Count == 0)
        {
            yield return "members is empty";
        }

        foreach (var member in Members)
        {
            if (string.IsNullOrWhiteSpace(member))
            {
                yield return "a member is blank";
            }
            else if (knownPeople is not null && !knownPeople.Contains(member))
            {
                yield return $"unknown person {member}";
            }
        }

        if (Restrictions is { Count: 0 })
        {
            yield return "restrictions is empty (leave it out for all day)";
        }

        foreach (var window in Restrictions ?? [])
        {
            foreach (var problem in window.Problems())
            {
                yield return $"restriction {window.From}–{window.To}: {problem}";
            }
        }
    }
}

/// <summary>
/// A daily local window; when <see cref="To"/> is not after <see cref="From"/> it ends the next day. With
/// <see cref="Days"/> only the windows that start on those days count, and without times such a window is the whole day.
/// </summary>
public sealed class DailyWindow
{
    /// <summary>Working days of the holiday calendar (Monday to Friday, less holidays and days off, plus weekend days worked instead).</summary>
    public const string WorkingDays = "working";

    /// <summary>Weekends, holidays and days off.</summary>
    public const string NonWorkingDays = "non-working";

    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>
    /// The days the window starts on: <c>working</c>, <c>non-working</c> or days of the week (<c>monday</c> …
    /// <c>sunday</c>); a day that is any of them counts. Absent: every day.
    /// </summary>
    public List<string>? Days { get; set; }

    /// <summary>A whole day: days given, no times.</summary>
    internal bool WholeDay => Days is not null && From is null && To is null;

    internal IEnumerable<string> Problems()
    {
        if (Days is { Count: 0 })
        {
            yield return "days is empty (leave it out for every day)";
        }

        foreach (var day in Days ?? [])
        {
            if (day is not (WorkingDays or NonWorkingDays) && !HolidayFile.TryParseWeekday(day, out _))
            {
                yield return $"day '{day}' is not working, non-working or a day of the week such as monday";
            }
        }

        if (WholeDay)
        {
            yield break;
        }

        if (!LocalClock.TryParseTimeOfDay(From, out var from) || !LocalClock.TryParseTimeOfDay(To, out var to))
        {
            yield return Days is null
                ? "from and to must be times such as 18:00"
                : "from and to must be times such as 18:00, or both left out for the whole day";
        }
        else if (from == to)
        {
            yield return "from and to are the same";
        }
    }
}

/// <summary>Puts <see cref="Person"/> on call from <see cref="From"/> to <see cref="To"/> (local date-times), whoever the layers say.</summary>
public sealed class ScheduleOverride
{
    public string Person { get; set; } = "";

    public string From { get; set; } = "";

    public string To { get; set; } = "";
}
