using Npgsql;

namespace IncidentResponse.Benchmarks.Work;

/// <summary>
/// The statements of a deployment's service roles that took the most time since it started
/// (pg_stat_statements; parameters appear as $n, so no report's data is printed): where the database's time goes.
/// </summary>
public static class TopStatements
{
    public static async Task<IReadOnlyList<string>> DescribeAsync(string adminPostgres, string database, HostUnderTest host, int count, int reports)
    {
        ArgumentNullException.ThrowIfNull(host);
        await using var connection = new NpgsqlConnection(adminPostgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolname, s.calls, s.total_exec_time, s.rows, regexp_replace(s.query, '\s+', ' ', 'g')
            FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
            WHERE d.datname = @database ORDER BY s.total_exec_time DESC LIMIT @count
            """, connection);
        command.Parameters.AddWithValue("database", database);
        command.Parameters.AddWithValue("count", count);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var service = host.Roles.TryGetValue(reader.GetString(0), out var schema) ? schema : reader.GetString(0);
            var calls = reader.GetInt64(1);
            var total = reader.GetDouble(2);
            var text = reader.GetString(4);
            lines.Add($"{service}: {Results.Format(total)} ms in {calls:N0} calls ({Results.Format(total / Math.Max(1, calls))} ms each, "
                + $"{Results.Format((double)calls / Math.Max(1, reports))} per report): {(text.Length > 160 ? text[..160] + "…" : text)}");
        }

        return lines;
    }
}
