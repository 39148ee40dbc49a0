using Npgsql;

namespace IncidentResponse.Benchmarks.Work;

/// <summary>
/// Every statement of a deployment's service roles with its calls so far (pg_stat_statements), so that two
/// snapshots tell which statements one report costs: the list behind "transactions per report", read-only
/// autocommit statements included (each is a transaction of its own).
/// </summary>
public static class StatementCalls
{
    public static async Task<IReadOnlyDictionary<(string Role, long Id), (long Calls, string Text)>> TakeAsync(string adminPostgres, string database)
    {
        await using var connection = new NpgsqlConnection(adminPostgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolname, s.queryid, s.calls, regexp_replace(s.query, '\s+', ' ', 'g')
            FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database AND s.queryid IS NOT NULL
            """, connection);
        command.Parameters.AddWithValue("database", database);
        var calls = new Dictionary<(string, long), (long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var key = (reader.GetString(0), reader.GetInt64(1));
            var (before, _) = calls.GetValueOrDefault(key);
            calls[key] = (before + reader.GetInt64(2), reader.GetString(3));
        }

        return calls;
    }

    /// <summary>The statements called at least <paramref name="minimum"/> times per report between two snapshots, most called first.</summary>
    public static IReadOnlyList<string> Describe(
        IReadOnlyDictionary<(string Role, long Id), (long Calls, string Text)> before,
        IReadOnlyDictionary<(string Role, long Id), (long Calls, string Text)> after,
        HostUnderTest host, int reports, double minimum)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(host);
        return after
            .Select(a => (a.Key.Role, a.Value.Text, PerReport: (double)(a.Value.Calls - before.GetValueOrDefault(a.Key).Calls) / Math.Max(1, reports)))
            .Where(s => s.PerReport >= minimum)
            .OrderByDescending(s => s.PerReport)
            .Select(s => $"{(host.Roles.TryGetValue(s.Role, out var schema) ? schema : s.Role)} {Results.Format(s.PerReport)}: "
                + (s.Text.Length > 140 ? s.Text[..140] + "…" : s.Text))
            .ToList();
    }
}
