using Npgsql;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// Where a report's wait for its first mail goes, from the times the services stored: accepted by intake →
/// incident opened by triage → first unit engaged by notifications → first delivery try started → first notice
/// accepted by its channel (the try's start plus its latency: what the benchmark's clients wait for) → first
/// notice recorded delivered (the recorder's commit, after it). Medians and p95 per stage over the reports
/// received in a window.
/// </summary>
public static class LatencyStages
{
    private static readonly string[] Names = ["accepted → incident opened", "opened → first unit engaged", "engaged → first delivery try", "try → first notice accepted by its channel",
        "accepted by the channel → recorded delivered"];

    public static async Task<IReadOnlyList<string>> DescribeAsync(string connectionString, DateTimeOffset from, DateTimeOffset to)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.received_at, i.opened_at,
                   (SELECT min(e.engaged_at) FROM notifications.engagements e WHERE e.incident_id = r.incident_id),
                   (SELECT min(a.started_at) FROM notifications.delivery_attempts a
                      JOIN notifications.notifications n ON n.id = a.notification_id WHERE n.incident_id = r.incident_id),
                   (SELECT min(a.started_at + a.latency_ms * interval '1 millisecond') FROM notifications.delivery_attempts a
                      JOIN notifications.notifications n ON n.id = a.notification_id WHERE n.incident_id = r.incident_id AND a.outcome = 'Delivered'),
                   (SELECT min(n.completed_at) FROM notifications.notifications n WHERE n.incident_id = r.incident_id AND n.status = 'delivered')
            FROM intake.reports r JOIN triage.incidents i ON i.id = r.incident_id
            WHERE r.received_at >= @from AND r.received_at < @to
            """, connection);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        var stages = Names.Select(_ => new List<double>()).ToList();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var times = Enumerable.Range(0, Names.Length + 1).Select(i => reader.IsDBNull(i) ? (DateTimeOffset?)null : reader.GetFieldValue<DateTimeOffset>(i)).ToList();
                for (var stage = 0; stage < Names.Length; stage++)
                {
                    if (times[stage] is { } start && times[stage + 1] is { } end)
                    {
                        stages[stage].Add((end - start).TotalMilliseconds);
                    }
                }
            }
        }

        return Names.Select((name, i) =>
        {
            var sorted = stages[i].Order().ToList();
            return sorted.Count == 0 ? $"{name}: no data" : $"{name} p50 {Results.Format(Percentiles.Of(sorted, 50))} ms, p95 {Results.Format(Percentiles.Of(sorted, 95))} ms";
        }).ToList();
    }
}
