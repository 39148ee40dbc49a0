using System.Globalization;
using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// Incidents opened in a period (their copy's <see cref="Incidents.IncidentCopy.OpenedAt"/>), drills left out, counted in the
/// database per local day, classification, severity and serious flag; days are then folded into weeks (from Monday) or
/// months. Days are those of the committee's time zone (<see cref="Recipient.DefaultTimeZone"/>, its standard offset).
/// </summary>
public sealed class IncidentSeries(NotificationsDbContext db)
{
    /// <summary>One group as the database counts it (kept for the CSV's long form).</summary>
    public sealed record Group(string Period, DateTimeOffset Start, string Classification, int SeverityLevel, bool Serious, long Incidents);

    public static TimeSpan Offset { get; } = ZoneOffset();

    public async Task<IReadOnlyList<Group>> GroupsAsync(AnalyticsPeriod period, string bucket, string? unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sql = new AnalyticsSql(db);
        var parameters = new Dictionary<string, object> { ["@from"] = sql.Instant(period.From), ["@to"] = sql.Instant(period.To) };
        var scope = "";
        if (unit is not null)
        {
            parameters["@unit"] = unit;
            scope = $" AND EXISTS (SELECT 1 FROM {sql.Table("engagements")} e WHERE e.incident_id = i.incident_id AND e.unit_code = @unit)";
        }

        var query = $"""
            SELECT x.day, x.classification, x.severity_level, x.serious, COUNT(*)
            FROM (
                SELECT {sql.LocalDay("i.opened_at", (long)Offset.TotalSeconds)} AS day, i.classification, i.severity_level, i.serious
                FROM {sql.Table("incidents")} i
                WHERE i.opened_at >= @from AND i.opened_at < @to AND i.drill = {sql.False}{scope}
            ) x
            GROUP BY x.day, x.classification, x.severity_level, x.serious
            """;
        var rows = await sql.ReadAsync(query, parameters, r => (Day: AnalyticsSql.Long(r, 0), Classification: r.GetString(1),
            Severity: (int)AnalyticsSql.Long(r, 2), Serious: AnalyticsSql.Long(r, 3) != 0, Count: AnalyticsSql.Long(r, 4)), cancellationToken);
        return [.. rows
            .Select(r => (Start: BucketStart(DateOnly.FromDayNumber((int)(r.Day + DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber)), bucket), r))
            .GroupBy(x => (x.Start, x.r.Classification, x.r.Severity, x.r.Serious))
            .Select(g => new Group(Label(g.Key.Start, bucket), new DateTimeOffset(g.Key.Start.ToDateTime(TimeOnly.MinValue), Offset), g.Key.Classification,
                g.Key.Severity, g.Key.Serious, g.Sum(x => x.r.Count)))
            .OrderBy(g => g.Start).ThenBy(g => g.Classification, StringComparer.Ordinal).ThenBy(g => g.SeverityLevel).ThenBy(g => g.Serious)];
    }

    /// <summary>The groups as one row per period, with the totals by class (the part of the classification before ':') and severity.</summary>
    public static IReadOnlyList<IncidentPeriodFigures> Fold(IReadOnlyList<Group> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        return [.. groups.GroupBy(g => (g.Period, g.Start)).OrderBy(p => p.Key.Start).Select(p => new IncidentPeriodFigures(
            p.Key.Period, p.Key.Start, p.Sum(g => g.Incidents), p.Where(g => g.Serious).Sum(g => g.Incidents),
            p.GroupBy(g => ClassOf(g.Classification), StringComparer.Ordinal).OrderBy(c => c.Key, StringComparer.Ordinal).ToDictionary(c => c.Key, c => c.Sum(g => g.Incidents)),
            p.GroupBy(g => g.SeverityLevel).OrderBy(s => s.Key).ToDictionary(s => s.Key.ToString(CultureInfo.InvariantCulture), s => s.Sum(g => g.Incidents))))];
    }

    public static string ClassOf(string classification)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var colon = classification.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? classification : classification[..colon];
    }

    private static DateOnly BucketStart(DateOnly day, string bucket) => bucket switch
    {
        "week" => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        "month" => new DateOnly(day.Year, day.Month, 1),
        _ => day,
    };

    private static string Label(DateOnly start, string bucket) => bucket switch
    {
        "week" => $"{ISOWeek.GetYear(start.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(start.ToDateTime(TimeOnly.MinValue)):00}",
        "month" => start.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        _ => start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    private static TimeSpan ZoneOffset()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(Recipient.DefaultTimeZone).BaseUtcOffset;
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeSpan.FromHours(7);
        }
    }
}
