using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Documents;

/// <summary>Counts for Mẫu 05: the incidents detected in a half-year or a year (the committee's calendar) by Vietnamese type.</summary>
public static class PeriodicSummary
{
    /// <summary>[from, to) of the period in the committee's time zone: half 1 is January–June, half 2 July–December, none the whole year.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Period(int year, int? half, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var start = new DateTime(year, half is 2 ? 7 : 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var end = half is 1 ? start.AddMonths(6) : new DateTime(year + 1, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return (new DateTimeOffset(start, zone.GetUtcOffset(start)), new DateTimeOffset(end, zone.GetUtcOffset(end)));
    }

    public static async Task<PeriodicCounts> CountAsync(
        TriageDbContext db, VietnameseIncidentTypes types, TimeZoneInfo zone, int year, int? half, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(types);
        var (from, to) = Period(year, half, zone);

        // Detection times are compared in memory: SQLite stores them as text with their offset, so a
        // database comparison could order two offsets wrongly. A province has hundreds, not millions.
        var all = await Counted(db.Incidents.AsNoTracking())
            .Select(i => new { i.Classification, i.Title, i.DetectedAt, i.Serious })
            .ToListAsync(cancellationToken);
        var inPeriod = all.Where(i => i.DetectedAt >= from && i.DetectedAt < to)
            .Select(i => (Type: types.Of(i.Classification, i.Title), i.Serious))
            .ToList();
        var byType = types.Types
            .Select(t => new TypeCount(t, inPeriod.Count(i => i.Type == t), inPeriod.Count(i => i.Type == t && i.Serious)))
            .ToList();
        return new PeriodicCounts(year, half, from, to, types.Version, byType);
    }

    /// <summary>
    /// The incidents that count in the statistics: a drill (diễn tập) is an exercise, not an incident, and is left out.
    /// </summary>
    public static IQueryable<Incident> Counted(IQueryable<Incident> incidents) => incidents.Where(i => !i.Drill);
}
