using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>
/// Per-unit response figures over a period: three grouped queries (engagements, their incidents' duties, failed delivery
/// attempts), each aggregated in the database on the period's indexed column. Drills (exercises) are left out. The
/// definitions are in docs/analytics.md.
/// </summary>
public sealed class UnitAnalytics(NotificationsDbContext db, TimeProvider time)
{
    /// <summary>The figures of every unit with an engagement or a failed delivery in <paramref name="period"/>, or only of <paramref name="unit"/>.</summary>
    public async Task<IReadOnlyList<UnitFigures>> ForAsync(AnalyticsPeriod period, string? unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sql = new AnalyticsSql(db);
        var parameters = new Dictionary<string, object> { ["@from"] = sql.Instant(period.From), ["@to"] = sql.Instant(period.To) };
        var onlyUnit = "";
        if (unit is not null)
        {
            parameters["@unit"] = unit;
            onlyUnit = " AND e.unit_code = @unit";
        }

        var engagements = await sql.ReadAsync(EngagementSql(sql, onlyUnit), parameters, r => new EngagementRow(
            r.GetString(0), AnalyticsSql.Long(r, 1), AnalyticsSql.Long(r, 2), AnalyticsSql.Double(r, 3), AnalyticsSql.Long(r, 4), AnalyticsSql.Double(r, 5),
            AnalyticsSql.Long(r, 6), AnalyticsSql.Double(r, 7), AnalyticsSql.Long(r, 8), AnalyticsSql.Double(r, 9)), cancellationToken);

        var dutyParameters = new Dictionary<string, object>(parameters) { ["@now"] = sql.Instant(time.GetUtcNow()) };
        var duties = (await sql.ReadAsync(DutySql(sql, onlyUnit), dutyParameters, r => (Unit: r.GetString(0),
            Counts: new DutyCounts(AnalyticsSql.Long(r, 1), AnalyticsSql.Long(r, 2), AnalyticsSql.Long(r, 3), AnalyticsSql.Long(r, 4))), cancellationToken))
            .ToDictionary(d => d.Unit, d => d.Counts, StringComparer.Ordinal);

        var failures = (await sql.ReadAsync(FailureSql(sql, unit is null ? "" : " AND n.unit_code = @unit"), parameters,
            r => (Unit: r.GetString(0), Channel: r.GetString(1), Count: AnalyticsSql.Long(r, 2)), cancellationToken))
            .GroupBy(f => f.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, long>)g.ToDictionary(f => f.Channel, f => f.Count, StringComparer.Ordinal), StringComparer.Ordinal);

        var spreads = await SpreadsAsync(sql, onlyUnit, parameters, cancellationToken);

        var names = await db.Units.AsNoTracking().Select(u => new { u.Code, u.NameVi, u.NameEn }).ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var byUnit = engagements.ToDictionary(e => e.Unit, StringComparer.Ordinal);
        return [.. byUnit.Keys.Union(failures.Keys).Order(StringComparer.Ordinal).Select(code =>
        {
            var e = byUnit.GetValueOrDefault(code) ?? new EngagementRow(code, 0, 0, null, 0, null, 0, null, 0, null);
            var d = duties.GetValueOrDefault(code) ?? new DutyCounts(0, 0, 0, 0);
            var name = names.GetValueOrDefault(code);
            var spread = spreads.GetValueOrDefault(code) ?? new Spread(null, null, null, null);
            return new UnitFigures(code, name?.NameVi ?? code, name?.NameEn ?? code, e.Engagements, e.Acknowledged, e.Mtta, e.Resolved, e.Mttr,
                e.Declines, e.DeclineDelay, e.HandOffs, e.PagesBeforeAck, failures.GetValueOrDefault(code) ?? new Dictionary<string, long>(),
                d.OnTime, d.Late, d.Missed, d.Pending,
                spread.AckMedian, spread.AckP90, spread.ResolveMedian, spread.ResolveP90);
        })];
    }

    /// <summary>
    /// Medians and 90th percentiles of the times to acknowledge and to resolve: aggregated by PostgreSQL
    /// (<c>percentile_cont</c>); on SQLite, which has no percentile function, from each engagement's two times.
    /// </summary>
    private static async Task<Dictionary<string, Spread>> SpreadsAsync(
        AnalyticsSql sql, string onlyUnit, IReadOnlyDictionary<string, object> parameters, CancellationToken cancellationToken)
    {
        var times = TimesSql(sql, onlyUnit);
        if (sql.HasPercentiles)
        {
            var aggregated = $"""
                SELECT t.unit_code,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ack_s), percentile_cont(0.9) WITHIN GROUP (ORDER BY t.ack_s),
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY t.done_s), percentile_cont(0.9) WITHIN GROUP (ORDER BY t.done_s)
                FROM ({times}) t
                GROUP BY t.unit_code
                """;
            return (await sql.ReadAsync(aggregated, parameters, r => (Unit: r.GetString(0), Spread: new Spread(
                    AnalyticsSql.Double(r, 1), AnalyticsSql.Double(r, 2), AnalyticsSql.Double(r, 3), AnalyticsSql.Double(r, 4))), cancellationToken))
                .ToDictionary(s => s.Unit, s => s.Spread, StringComparer.Ordinal);
        }

        return (await sql.ReadAsync(times, parameters, r => (Unit: r.GetString(0), Ack: AnalyticsSql.Double(r, 1), Done: AnalyticsSql.Double(r, 2)), cancellationToken))
            .GroupBy(t => t.Unit, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g =>
            {
                var ack = Percentiles.Sorted(g.Select(t => t.Ack));
                var done = Percentiles.Sorted(g.Select(t => t.Done));
                return new Spread(Percentiles.Of(ack, 0.5), Percentiles.Of(ack, 0.9), Percentiles.Of(done, 0.5), Percentiles.Of(done, 0.9));
            }, StringComparer.Ordinal);
    }

    /// <summary>Resolved: as in <see cref="EngagementSql"/>.</summary>
    private const string Done =
        "CASE WHEN e.resolved_at IS NULL THEN i.closed_at WHEN i.closed_at IS NULL OR e.resolved_at <= i.closed_at THEN e.resolved_at ELSE i.closed_at END";

    private static string Period(AnalyticsSql sql) =>
        $"e.engaged_at >= @from AND e.engaged_at < @to AND (i.drill IS NULL OR i.drill = {sql.False})";

    /// <summary>
    /// Resolved: the engagement's own resolution or the incident's closing, whichever came first; a declined engagement is
    /// not counted. Pages before acknowledgement: the escalation steps that created (not cancelled) pages for it before it.
    /// </summary>
    private static string EngagementSql(AnalyticsSql sql, string onlyUnit)
    {
        return $"""
            SELECT x.unit_code, COUNT(*), COUNT(x.acknowledged_at), AVG(x.ack_s), COUNT(x.done_s), AVG(x.done_s),
                   COUNT(x.declined_at), AVG(x.decline_s), COUNT(x.handed_to), AVG(x.pages)
            FROM (
                SELECT e.unit_code, e.acknowledged_at, e.declined_at, e.handed_to,
                       CASE WHEN e.acknowledged_at IS NOT NULL THEN {sql.Seconds("e.acknowledged_at", "e.engaged_at")} END AS ack_s,
                       CASE WHEN e.declined_at IS NULL THEN {sql.Seconds(Done, "e.engaged_at")} END AS done_s,
                       CASE WHEN e.declined_at IS NOT NULL THEN {sql.Seconds("e.declined_at", "e.engaged_at")} END AS decline_s,
                       CASE WHEN e.acknowledged_at IS NOT NULL THEN (
                           SELECT COUNT(DISTINCT n.origin) FROM {sql.Table("notifications")} n
                           WHERE n.engagement_id = e.id AND n.origin LIKE 'step:%' AND n.status <> '{NotificationStatus.Cancelled}'
                             AND n.created_at <= e.acknowledged_at) END AS pages
                FROM {sql.Table("engagements")} e
                LEFT JOIN {sql.Table("incidents")} i ON i.incident_id = e.incident_id
                WHERE {Period(sql)}{onlyUnit}
            ) x
            GROUP BY x.unit_code
            """;
    }

    /// <summary>Each acknowledged or resolved engagement's time to acknowledge and time to resolve (null when not measured).</summary>
    private static string TimesSql(AnalyticsSql sql, string onlyUnit) => $"""
        SELECT e.unit_code,
               CASE WHEN e.acknowledged_at IS NOT NULL THEN {sql.Seconds("e.acknowledged_at", "e.engaged_at")} END AS ack_s,
               CASE WHEN e.declined_at IS NULL THEN {sql.Seconds(Done, "e.engaged_at")} END AS done_s
        FROM {sql.Table("engagements")} e
        LEFT JOIN {sql.Table("incidents")} i ON i.incident_id = e.incident_id
        WHERE {Period(sql)}{onlyUnit} AND (e.acknowledged_at IS NOT NULL OR (e.declined_at IS NULL AND ({Done}) IS NOT NULL))
        """;

    /// <summary>A duty of an incident the unit was engaged on: submitted by its due time, after it, still due past it, or still due.</summary>
    private static string DutySql(AnalyticsSql sql, string onlyUnit) => $"""
        SELECT e.unit_code,
               SUM(CASE WHEN d.state = '{DutyStates.Submitted}' AND d.submitted_at <= d.due_at THEN 1 ELSE 0 END),
               SUM(CASE WHEN d.state = '{DutyStates.Submitted}' AND d.submitted_at > d.due_at THEN 1 ELSE 0 END),
               SUM(CASE WHEN d.state = '{DutyStates.Due}' AND d.due_at < @now THEN 1 ELSE 0 END),
               SUM(CASE WHEN d.state = '{DutyStates.Due}' AND d.due_at >= @now THEN 1 ELSE 0 END)
        FROM {sql.Table("engagements")} e
        JOIN {sql.Table("incident_duties")} d ON d.incident_id = e.incident_id
        LEFT JOIN {sql.Table("incidents")} i ON i.incident_id = e.incident_id
        WHERE {Period(sql)}{onlyUnit}
        GROUP BY e.unit_code
        """;

    private static string FailureSql(AnalyticsSql sql, string onlyUnit) => $"""
        SELECT n.unit_code, a.channel, COUNT(*)
        FROM {sql.Table("delivery_attempts")} a
        JOIN {sql.Table("notifications")} n ON n.id = a.notification_id
        WHERE a.started_at >= @from AND a.started_at < @to AND a.outcome <> '{DeliveryAnalytics.Delivered}'{onlyUnit}
        GROUP BY n.unit_code, a.channel
        """;

    private sealed record EngagementRow(
        string Unit, long Engagements, long Acknowledged, double? Mtta, long Resolved, double? Mttr, long Declines, double? DeclineDelay, long HandOffs, double? PagesBeforeAck);

    private sealed record DutyCounts(long OnTime, long Late, long Missed, long Pending);

    private sealed record Spread(double? AckMedian, double? AckP90, double? ResolveMedian, double? ResolveP90);
}
