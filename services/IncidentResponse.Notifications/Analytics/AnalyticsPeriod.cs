using System.Globalization;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// The period analytics cover, [From, To), from the query's <c>from</c> and <c>to</c> (ISO 8601; without an offset, UTC).
/// Without them: the last <see cref="DefaultDays"/> days up to now. At most <see cref="MaxDays"/> days long.
/// </summary>
public sealed record AnalyticsPeriod(DateTimeOffset From, DateTimeOffset To)
{
    public const int DefaultDays = 30;
    public const int MaxDays = 731;

    public static IReadOnlyList<string> Buckets { get; } = ["day", "week", "month"];

    /// <summary>The period, or the field at fault and why (Vietnamese first).</summary>
    public static (AnalyticsPeriod? Period, string? Field, string? Error) Parse(string? from, string? to, DateTimeOffset now)
    {
        DateTimeOffset? start = null, end = null;
        if (!string.IsNullOrWhiteSpace(from))
        {
            if (!TryRead(from, out var value))
            {
                return (null, "from", "Thời điểm không hợp lệ, dùng ISO 8601 (vd 2026-12-01T00:00:00+07:00) / not a valid ISO 8601 instant");
            }

            start = value;
        }

        if (!string.IsNullOrWhiteSpace(to))
        {
            if (!TryRead(to, out var value))
            {
                return (null, "to", "Thời điểm không hợp lệ, dùng ISO 8601 (vd 2026-12-31T00:00:00+07:00) / not a valid ISO 8601 instant");
            }

            end = value;
        }

        var last = end ?? now;
        var first = start ?? last.AddDays(-DefaultDays);
        if (first >= last)
        {
            return (null, "to", "'to' phải sau 'from' / 'to' must be after 'from'");
        }

        if (last - first > TimeSpan.FromDays(MaxDays))
        {
            return (null, "to", $"Khoảng thời gian tối đa {MaxDays} ngày / the period is at most {MaxDays} days");
        }

        return (new AnalyticsPeriod(first.ToUniversalTime(), last.ToUniversalTime()), null, null);
    }

    private static bool TryRead(string text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value)
        && value.Year is >= 2000 and <= 9000;
}
