using IncidentResponse.Contracts.Api.Analytics;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;

namespace IncidentResponse.Notifications.Analytics;

/// <summary>Delivery attempts started in a period, by channel and outcome, counted in the database (all units', or one unit's).</summary>
public sealed class DeliveryAnalytics(NotificationsDbContext db)
{
    /// <summary>How a successful attempt is stored (<see cref="AttemptOutcome.Delivered"/>).</summary>
    public const string Delivered = nameof(AttemptOutcome.Delivered);

    public async Task<IReadOnlyList<ChannelFigures>> ForAsync(AnalyticsPeriod period, string? unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var sql = new AnalyticsSql(db);
        var parameters = new Dictionary<string, object> { ["@from"] = sql.Instant(period.From), ["@to"] = sql.Instant(period.To) };
        var join = "";
        if (unit is not null)
        {
            parameters["@unit"] = unit;
            join = $" JOIN {sql.Table("notifications")} n ON n.id = a.notification_id AND n.unit_code = @unit";
        }

        var query = $"""
            SELECT a.channel, COUNT(*),
                   SUM(CASE WHEN a.outcome = '{Delivered}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.outcome = '{nameof(AttemptOutcome.TransientFailure)}' THEN 1 ELSE 0 END),
                   SUM(CASE WHEN a.outcome = '{nameof(AttemptOutcome.PermanentFailure)}' THEN 1 ELSE 0 END)
            FROM {sql.Table("delivery_attempts")} a{join}
            WHERE a.started_at >= @from AND a.started_at < @to
            GROUP BY a.channel
            ORDER BY a.channel
            """;
        return await sql.ReadAsync(query, parameters, r =>
        {
            var attempts = AnalyticsSql.Long(r, 1);
            var transient = AnalyticsSql.Long(r, 3);
            var permanent = AnalyticsSql.Long(r, 4);
            return new ChannelFigures(r.GetString(0), attempts, AnalyticsSql.Long(r, 2), transient, permanent,
                attempts == 0 ? null : Math.Round((double)(transient + permanent) / attempts, 3));
        }, cancellationToken);
    }
}
