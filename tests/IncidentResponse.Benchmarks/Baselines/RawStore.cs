using Npgsql;

namespace IncidentResponse.Benchmarks.Baselines;

/// <summary>The baselines' tables in a database of their own: a row per report, a row per e-mail.</summary>
public static class RawStore
{
    public static async Task<NpgsqlDataSource> CreateAsync(string connectionString)
    {
        var source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 64 }.ConnectionString).Build();
        await using var command = source.CreateCommand("""
            CREATE TABLE reports (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, token text NOT NULL, body jsonb NOT NULL,
                                  received_at timestamptz NOT NULL DEFAULT now(), triaged_at timestamptz);
            CREATE TABLE emails (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, report_id bigint NOT NULL, recipient text NOT NULL,
                                 sent_at timestamptz NOT NULL DEFAULT now());
            """);
        await command.ExecuteNonQueryAsync();
        return source;
    }

    /// <summary>Reports marked triaged so far.</summary>
    public static async Task<long> TriagedAsync(NpgsqlDataSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        await using var command = source.CreateCommand("SELECT count(*) FROM reports WHERE triaged_at IS NOT NULL");
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
