using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using IncidentResponse.ServiceDefaults.Committee;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// A maintenance window that repeats (every Sunday night's backup, the first Saturday's upgrade) as an RFC 5545 RRULE, read
/// by Ical.Net in the committee's time zone: the first occurrence is the window's own start and end, each later one as long.
/// A series must end (COUNT or UNTIL) within <see cref="Horizon"/> of its start, and repeat daily at most, so a silence is
/// never forgotten for ever.
/// </summary>
public static class MaintenanceRecurrence
{
    public const int MaxLength = 300;

    /// <summary>How far after its first start a series may end.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    private static readonly FrequencyType[] Allowed = [FrequencyType.Daily, FrequencyType.Weekly, FrequencyType.Monthly, FrequencyType.Yearly];

    /// <summary>
    /// The end of the last occurrence of <paramref name="rule"/> from [<paramref name="startsAt"/>, <paramref name="endsAt"/>),
    /// or the error in the words of a problem naming <c>recurrence</c>.
    /// </summary>
    public static (DateTimeOffset? SeriesEndsAt, string? Error) SeriesEnd(string rule, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(rule.Trim().StartsWith("RRULE:", StringComparison.OrdinalIgnoreCase) ? rule.Trim()[6..] : rule.Trim());
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            return (null, "Không phải RRULE (RFC 5545), ví dụ FREQ=WEEKLY;BYDAY=SU;COUNT=8 / not an RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SU;COUNT=8");
        }

        if (!Allowed.Contains(pattern.Frequency))
        {
            return (null, "Lặp nhiều nhất hằng ngày (FREQ=DAILY, WEEKLY, MONTHLY hoặc YEARLY) / at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)");
        }

        if (pattern.Count is null && pattern.Until is null)
        {
            return (null, "Cần COUNT hoặc UNTIL: thời gian bảo trì lặp lại phải có lần cuối / COUNT or UNTIL is required: a repeating window must end");
        }

        var lastEnd = endsAt;
        foreach (var (_, end) in Occurrences(pattern, startsAt, endsAt, null))
        {
            if (end - startsAt > Horizon)
            {
                return (null, $"Lần cuối phải kết thúc trong {Horizon.TotalDays:0} ngày kể từ lần đầu / the last occurrence must end within {Horizon.TotalDays:0} days of the first");
            }

            lastEnd = end;
        }

        return (lastEnd, null);
    }

    /// <summary>The occurrence of <paramref name="window"/> in force at <paramref name="at"/>, or null.</summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? At(MaintenanceWindow window, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Recurrence is not { } rule)
        {
            return window.StartsAt <= at && at < window.EndsAt ? (window.StartsAt, window.EndsAt) : null;
        }

        var duration = window.EndsAt - window.StartsAt;
        foreach (var occurrence in Occurrences(new RecurrencePattern(rule), window.StartsAt, window.EndsAt, at - duration))
        {
            if (occurrence.Start > at)
            {
                break;
            }

            if (at < occurrence.End)
            {
                return occurrence;
            }
        }

        return null;
    }

    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Occurrences(
        RecurrencePattern pattern, DateTimeOffset startsAt, DateTimeOffset endsAt, DateTimeOffset? from)
    {
        var zone = LocalTimes.Zone(null);
        var local = TimeZoneInfo.ConvertTime(startsAt, zone).DateTime;
        var duration = endsAt - startsAt;
        var series = new CalendarEvent
        {
            DtStart = new CalDateTime(local, zone.Id, true),
            DtEnd = new CalDateTime(local + duration, zone.Id, true),
            RecurrenceRule = pattern,
        };
        // iCalendar times are whole seconds: the fraction of the first start is given back to every occurrence.
        var fraction = TimeSpan.FromTicks(startsAt.UtcTicks % TimeSpan.TicksPerSecond);
        var since = from is { } f && f > startsAt ? new CalDateTime(f.UtcDateTime - fraction, "UTC", true) : null;
        foreach (var occurrence in series.GetOccurrences(since, null))
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)) + fraction;
            yield return (start, start + duration);
        }
    }
}
