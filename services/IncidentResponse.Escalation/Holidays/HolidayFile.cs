using System.Globalization;

namespace IncidentResponse.Escalation.Holidays;

/// <summary>
/// One year of the calendar of days off as written in <c>holidays-&lt;year&gt;.yaml</c>: public holidays and
/// Tết (<c>holiday</c>), days off in their place (<c>day-off</c>: nghỉ bù, hoán đổi) and weekend days worked
/// instead (<c>working</c>: làm bù). Every other day is a working day unless it is a weekend day.
/// </summary>
public sealed class HolidayFile
{
    public const string Holiday = "holiday";

    public const string DayOff = "day-off";

    public const string Working = "working";

    private static readonly string[] Kinds = [Holiday, DayOff, Working];

    public string Version { get; set; } = "";

    public int Year { get; set; }

    /// <summary>Where the days come from (the Labour Code, the Government's yearly notice), for whoever checks them.</summary>
    public string Source { get; set; } = "";

    /// <summary>The weekly days off, in English (<c>saturday</c>, <c>sunday</c>); state agencies' by default.</summary>
    public List<string> Weekend { get; set; } = ["saturday", "sunday"];

    public List<CalendarDay> Days { get; set; } = [];

    /// <summary>The file's problems, each naming the day; empty when the calendar can be used.</summary>
    public IEnumerable<string> Problems()
    {
        if (Year is < 2000 or > 2200)
        {
            yield return $"year {Year} is not a year such as 2027";
        }
        else if (Version is null || !Version.StartsWith(Year.ToString(CultureInfo.InvariantCulture) + ".", StringComparison.Ordinal)
            || Version.Length == Year.ToString(CultureInfo.InvariantCulture).Length + 1 || Version.Length > 50)
        {
            // The year in the version keeps versions of different years apart in the database's record of rule files.
            yield return $"version '{Version}' must be the year, a dot and a number or name, such as {Year}.1 (at most 50 characters)";
        }

        if (Weekend is null || Days is null)
        {
            yield return "weekend and days must be lists (leave weekend out for Saturday and Sunday)";
            yield break;
        }

        foreach (var day in Weekend.Where(d => !TryParseWeekday(d, out _)))
        {
            yield return $"weekend day '{day}' is not a day of the week such as saturday";
        }

        var seen = new HashSet<DateOnly>();
        foreach (var day in Days)
        {
            if (day is null)
            {
                yield return "a day is blank";
                continue;
            }

            var name = $"day {day.Date}";
            if (!CalendarDay.TryParseDate(day.Date, out var date))
            {
                yield return $"{name}: date must be written as 2027-01-01";
                continue;
            }

            if (date.Year != Year)
            {
                yield return $"{name}: is not in {Year}";
            }

            if (!seen.Add(date))
            {
                yield return $"{name}: is listed twice";
            }

            if (!Kinds.Contains(day.Kind, StringComparer.Ordinal))
            {
                yield return $"{name}: kind '{day.Kind}' is not one of {string.Join(", ", Kinds)}";
            }
            else if (day.Kind == Working && !IsWeekend(date.DayOfWeek))
            {
                yield return $"{name}: a working day in place of a day off (làm bù) is a weekend day; {date.DayOfWeek} is a working day already";
            }
            else if (day.Kind == DayOff && IsWeekend(date.DayOfWeek))
            {
                yield return $"{name}: a day off in place of another (nghỉ bù) is a working day; {date.DayOfWeek} is off already";
            }

            if (string.IsNullOrWhiteSpace(day.NameVi) || string.IsNullOrWhiteSpace(day.NameEn))
            {
                yield return $"{name}: nameVi and nameEn are required";
            }
        }
    }

    internal bool IsWeekend(DayOfWeek day) =>
        (Weekend ?? []).Any(w => TryParseWeekday(w, out var d) && d == day);

    /// <summary>A day of the week by its English name, any case: <c>saturday</c>.</summary>
    internal static bool TryParseWeekday(string? text, out DayOfWeek day)
    {
        var name = Enum.GetNames<DayOfWeek>().FirstOrDefault(n => string.Equals(n, text?.Trim(), StringComparison.OrdinalIgnoreCase));
        day = name is null ? default : Enum.Parse<DayOfWeek>(name);
        return name is not null;
    }
}

/// <summary>One day of a <see cref="HolidayFile"/>.</summary>
public sealed class CalendarDay
{
    /// <summary>The local date, <c>2027-01-01</c>.</summary>
    public string Date { get; set; } = "";

    /// <summary><c>holiday</c>, <c>day-off</c> or <c>working</c>.</summary>
    public string Kind { get; set; } = "";

    public string NameVi { get; set; } = "";

    public string NameEn { get; set; } = "";

    /// <summary>False for a day expected but not yet announced (Tết's days, the day beside National Day): shown as provisional.</summary>
    public bool Confirmed { get; set; } = true;

    internal static bool TryParseDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
