using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace IncidentResponse.Escalation.Schedules;

/// <summary>Local wall-clock times in a schedule's zone and the instants they stand for.</summary>
internal static class LocalClock
{
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static bool TryFindZone(string? ianaId, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        return !string.IsNullOrWhiteSpace(ianaId)
            && TimeZoneInfo.TryFindSystemTimeZoneById(ianaId, out zone)
            && zone.HasIanaId;
    }

    /// <summary>A local date-time without offset, e.g. <c>2026-01-05T08:00</c>.</summary>
    public static bool TryParseLocal(string? text, out DateTime local) =>
        DateTime.TryParseExact(text?.Trim(), LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    /// <summary>A time of day such as <c>18:00</c>.</summary>
    public static bool TryParseTimeOfDay(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static DateTime ParseLocal(string text) =>
        TryParseLocal(text, out var local) ? local : throw new FormatException($"'{text}' is not a local date-time such as 2026-01-05T08:00");

    public static TimeOnly ParseTimeOfDay(string text) =>
        TryParseTimeOfDay(text, out var time) ? time : throw new FormatException($"'{text}' is not a time of day such as 18:00");

    /// <summary>The local wall-clock time of <paramref name="at"/> in <paramref name="zone"/>.</summary>
    public static DateTime ToLocal(TimeZoneInfo zone, DateTimeOffset at) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(at, zone).DateTime, DateTimeKind.Unspecified);

    /// <summary>
    /// The instant a local wall-clock time stands for. A time skipped when clocks go forward is
    /// shifted forward by the gap (01:30 on a 01:00→02:00 night means 02:30); a time that happens
    /// twice when clocks go back means its first occurrence.
    /// </summary>
    public static DateTimeOffset ToInstant(TimeZoneInfo zone, DateTime local)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddDays(-1));
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offset), zone);
    }
}
