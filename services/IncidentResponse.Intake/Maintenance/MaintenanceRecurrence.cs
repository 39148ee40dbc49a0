using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Evaluation;
using IncidentResponse.ServiceDefaults.Committee;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// A maintenance window that repeats (every Sunday night's backup, the first Saturday's upgrade) as an RFC 5545 RRULE, read
/// by Ical.Net in the committee's time zone: the first occurrence is the window's own start and end, each later one as long.
/// A series must end (COUNT, or UNTIL with a time) within <see cref="Horizon"/> of its start; its first occurrence must be
/// the window as declared, and each later one start at least a day after the one before and at least <see cref="Gap"/>
/// after it ends, so a series is never a longer window in disguise (an alert still firing between two occurrences is
/// released), never silences for ever, and stays cheap to evaluate (at most 367 occurrences).
/// </summary>
public static class MaintenanceRecurrence
{
    public const int MaxLength = 300;

    /// <summary>The least time between one occurrence's end and the next one's start.</summary>
    public static readonly TimeSpan Gap = TimeSpan.FromHours(1);

    /// <summary>How far after its first start a series may end.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    private static readonly FrequencyType[] Allowed = [FrequencyType.Daily, FrequencyType.Weekly, FrequencyType.Monthly, FrequencyType.Yearly];

    /// <summary>A rule whose days no date matches stops here, not at the year 9999.</summary>
    private static readonly EvaluationOptions Bounded = new() { MaxUnmatchedIncrementsLimit = 1000 };

    /// <summary>The rule without an <c>RRULE:</c> prefix, as it is stored.</summary>
    public static string Normalize(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var trimmed = rule.Trim().ToUpperInvariant();
        return trimmed.StartsWith("RRULE:", StringComparison.Ordinal) ? trimmed[6..].Trim() : trimmed;
    }

    /// <summary>
    /// The end of the last occurrence of <paramref name="rule"/> (normalised) from [<paramref name="startsAt"/>,
    /// <paramref name="endsAt"/>), or the error in the words of a problem naming <c>recurrence</c>.
    /// </summary>
    public static (DateTimeOffset? SeriesEndsAt, string? Error) SeriesEnd(string rule, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RecurrencePattern pattern;
        try
        {
            pattern = new RecurrencePattern(rule);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException or OverflowException)
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

        // Several hours, minutes or seconds a day can never be a day apart; refused before Ical.Net expands them.
        if (pattern.ByHour.Count > 1 || pattern.ByMinute.Count > 1 || pattern.BySecond.Count > 1)
        {
            return (null, "Các lần lặp cách nhau ít nhất một ngày: BYHOUR, BYMINUTE, BYSECOND một giá trị / occurrences are a day apart: one value of BYHOUR, BYMINUTE, BYSECOND");
        }

        if (pattern.Until is { HasTime: false })
        {
            return (null, "UNTIL cần có giờ, ví dụ UNTIL=20270131T170000Z / UNTIL needs a time, e.g. UNTIL=20270131T170000Z");
        }

        try
        {
            return Walk(pattern, startsAt, endsAt);
        }
        catch (EvaluationException)
        {
            return (null, "Không tính được các lần lặp của RRULE này / this RRULE's occurrences cannot be worked out");
        }
    }

    private static (DateTimeOffset? SeriesEndsAt, string? Error) Walk(RecurrencePattern pattern, DateTimeOffset startsAt, DateTimeOffset endsAt)
    {
        (DateTimeOffset Start, DateTimeOffset End)? previous = null;
        foreach (var occurrence in Occurrences(pattern, startsAt, endsAt, null))
        {
            if (previous is null && occurrence.Start != startsAt)
            {
                return (null, "Lần đầu phải đúng thời gian đã khai (ngày bắt đầu phải khớp quy tắc, ví dụ BYDAY) / the first occurrence must be the window as declared (its start must match the rule, e.g. BYDAY)");
            }

            if (previous is { } p && (occurrence.Start - p.End < Gap || occurrence.Start - p.Start < TimeSpan.FromDays(1)))
            {
                return (null, "Các lần lặp cách nhau ít nhất một ngày, lần sau bắt đầu ít nhất một giờ sau khi lần trước kết thúc / occurrences start at least a day apart, each at least an hour after the one before ends");
            }

            if (occurrence.End - startsAt > Horizon)
            {
                return (null, $"Lần cuối phải kết thúc trong {Horizon.TotalDays:0} ngày kể từ lần đầu / the last occurrence must end within {Horizon.TotalDays:0} days of the first");
            }

            previous = occurrence;
        }

        return previous is { } last
            ? (last.End, null)
            : (null, "Quy tắc không cho lần nào (UNTIL trước lúc bắt đầu?) / the rule gives no occurrence (UNTIL before the start?)");
    }

    /// <summary>
    /// The occurrence of <paramref name="window"/> in force at <paramref name="at"/>, or null. A stored rule that can no longer
    /// be worked out (a library's reading changed) holds nothing, rather than failing every alert of its integration.
    /// </summary>
    public static (DateTimeOffset Start, DateTimeOffset End)? At(MaintenanceWindow window, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(window);
        if (window.Recurrence is not { } rule)
        {
            return window.StartsAt <= at && at < window.EndsAt ? (window.StartsAt, window.EndsAt) : null;
        }

        try
        {
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
        }
        catch (Exception ex) when (ex is EvaluationException or ArgumentException or FormatException or OverflowException or InvalidOperationException)
        {
            return null;
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
        foreach (var occurrence in series.GetOccurrences(since, Bounded))
        {
            var start = new DateTimeOffset(DateTime.SpecifyKind(occurrence.Period.StartTime.AsUtc, DateTimeKind.Utc)) + fraction;
            yield return (start, start + duration);
        }
    }
}
