using Npgsql;

namespace IncidentResponse.Benchmarks.Storm;

/// <summary>Lateness, drain time, duplicates and misses of a storm, read from the table of firings.</summary>
public static class StormStatistics
{
    /// <summary>Reads the storm's figures: <paramref name="table"/> has one row per firing with <c>due_at</c> and <c>fired_at</c>,
    /// <paramref name="key"/> names what fired (each of the <paramref name="expected"/> steps should appear once), all due at <paramref name="dueAt"/>.</summary>
    public static async Task<(List<double> Lateness, double DrainSeconds, long Duplicates, long Never)> ReadAsync(
        NpgsqlConnection connection, string table, string key, int expected, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var lateness = new List<double>(expected);
        await using (var command = new NpgsqlCommand($"SELECT extract(epoch FROM fired_at - due_at) * 1000 FROM {table} ORDER BY 1", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                lateness.Add(reader.GetDouble(0));
            }
        }

        await using var summary = new NpgsqlCommand($"""
            SELECT coalesce(extract(epoch FROM max(fired_at) - @due), 0),
                   (SELECT count(*) FROM (SELECT {key} FROM {table} GROUP BY {key} HAVING count(*) > 1) d),
                   count(DISTINCT {key})
            FROM {table}
            """, connection);
        summary.Parameters.AddWithValue("due", dueAt.ToUniversalTime());
        await using var row = await summary.ExecuteReaderAsync();
        await row.ReadAsync();
        var drain = Convert.ToDouble(row.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        return (lateness, drain, row.GetInt64(1), expected - row.GetInt64(2));
    }
}
