using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Benchmarks.Work;

/// <summary>
/// Every work counter of one deployment at one moment, by name: the database's transactions and rows
/// written (pg_stat_database, exact), rows written per service schema and per table (pg_stat_user_tables), per service
/// role its explicit transactions (COMMIT/ROLLBACK calls), statements and statement time (pg_stat_statements),
/// messages published per exchange (message type) and delivered per queue (RabbitMQ's management
/// statistics), and CPU time of the Host, PostgreSQL, RabbitMQ and this process (load generator and sinks).
/// </summary>
public sealed class WorkCounters
{
    private readonly Dictionary<string, double> _values;

    private WorkCounters(Dictionary<string, double> values, TimeSpan at)
    {
        _values = values;
        At = at;
    }

    /// <summary>When it was taken (Stopwatch time since an arbitrary start).</summary>
    public TimeSpan At { get; }

    public IReadOnlyDictionary<string, double> Values => _values;

    public double this[string name] => _values.GetValueOrDefault(name);

    /// <summary>Where the counters come from for one deployment.</summary>
    public sealed record Source(InfrastructureFixture Infrastructure, string AdminPostgres, string Database, string? VirtualHost, HostUnderTest? Host);

    /// <summary>Loads pg_stat_statements into the admin database (once per container; the view shows every database).</summary>
    public static async Task EnableStatementsAsync(string adminPostgres)
    {
        await using var connection = new NpgsqlConnection(adminPostgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE EXTENSION IF NOT EXISTS pg_stat_statements", connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<WorkCounters> TakeAsync(Source source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        var at = Stopwatch.GetElapsedTime(0);
        var admin = new NpgsqlConnectionStringBuilder(source.AdminPostgres);
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = source.Database }.ConnectionString))
        {
            await connection.OpenAsync();
            await ReadAsync(connection, "SELECT 'total.transactions', (xact_commit + xact_rollback)::float8 FROM pg_stat_database WHERE datname = current_database() "
                + "UNION ALL SELECT 'total.rows', (tup_inserted + tup_updated + tup_deleted)::float8 FROM pg_stat_database WHERE datname = current_database() "
                + "UNION ALL SELECT 'rows.' || schemaname, sum(n_tup_ins + n_tup_upd + n_tup_del)::float8 FROM pg_stat_user_tables GROUP BY schemaname "
                + "UNION ALL SELECT 'table.' || schemaname || '.' || relname, (n_tup_ins + n_tup_upd + n_tup_del)::float8 FROM pg_stat_user_tables "
                // The server's WAL (every database; the others are idle meanwhile, and the idle background is subtracted).
                + "UNION ALL SELECT 'total.walBytes', wal_bytes::float8 FROM pg_stat_wal "
                + "UNION ALL SELECT 'total.walFullPages', wal_fpi::float8 FROM pg_stat_wal "
                // When the last checkpoint began: a window in which it moved wrote a checkpoint's WAL too (see CheckpointIn).
                + "UNION ALL SELECT 'server.checkpointAt', extract(epoch FROM checkpoint_time)::float8 FROM pg_control_checkpoint()", values);
        }

        if (source.Host is { } host)
        {
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT r.rolname,
                       coalesce(sum(s.calls) FILTER (WHERE s.query ~* '^\s*(commit|rollback|end)\y'), 0)::float8,
                       coalesce(sum(s.calls) FILTER (WHERE NOT s.query ~* '^\s*(begin|start|commit|rollback|end|discard|set|reset|show|savepoint|release)\y'), 0)::float8,
                       coalesce(sum(s.total_exec_time), 0)::float8
                FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid JOIN pg_database d ON d.oid = s.dbid
                WHERE d.datname = @database GROUP BY r.rolname
                """, connection);
            command.Parameters.AddWithValue("database", source.Database);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (host.Roles.TryGetValue(reader.GetString(0), out var service))
                {
                    values[$"explicit.{service}"] = reader.GetDouble(1);
                    values[$"statements.{service}"] = reader.GetDouble(2);
                    values[$"dbms.{service}"] = reader.GetDouble(3);
                }
            }

            values["cpu.host"] = host.CpuTime.TotalMilliseconds;
            (values["alloc.host"], values["gcpause.host"]) = await host.GarbageAsync();
        }

        if (source.VirtualHost is not null)
        {
            await ReadBrokerAsync(source, values);
        }

        var (rabbitMq, postgres) = await source.Infrastructure.ContainerIdsAsync();
        values["cpu.postgres"] = ContainerCpuMilliseconds(postgres);
        values["cpu.rabbitmq"] = ContainerCpuMilliseconds(rabbitMq);
        values["cpu.bench"] = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
        return new WorkCounters(values, at);
    }

    /// <summary>
    /// Waits until the deployment is quiet: no message published or delivered and at most two rows written
    /// (a clustered scheduler's check-in) over 3 s, sampled every second (at most <paramref name="max"/>);
    /// returns the last sample, taken when it was quiet.
    /// </summary>
    public static async Task<WorkCounters> WaitQuietAsync(Source source, TimeSpan max)
    {
        var clock = Stopwatch.StartNew();
        var samples = new List<WorkCounters> { await TakeAsync(source) };
        while (true)
        {
            await Task.Delay(1000);
            var now = await TakeAsync(source);
            samples.Add(now);
            if (samples.Count >= 4)
            {
                var then = samples[^4];
                if ((now["total.messages"] == then["total.messages"] && now["total.deliveries"] == then["total.deliveries"] && now["total.rows"] - then["total.rows"] <= 2)
                    || clock.Elapsed > max)
                {
                    return now;
                }
            }
        }
    }

    /// <summary>
    /// Waits until the Host's own CPU has settled after a warm-up (the JIT compiles hot code again in the background
    /// for a while after the load), and PostgreSQL's with it: first an <c>ANALYZE</c> of the database and a <c>CHECKPOINT</c>, so the dirty pages of what
    /// earlier scenarios wrote are not written out during the windows that follow, then two seconds in a row in which
    /// each of the two used at most <paramref name="ceilingMsPerSecond"/> (an autovacuum of an earlier scenario's
    /// database is waited out too), at most <paramref name="max"/>; returns how long it waited. Without it, the idle
    /// window once caught more PostgreSQL CPU than the phase after it, and its per-report figure came out negative.
    /// </summary>
    public static async Task<TimeSpan> WaitCpuSettledAsync(Source source, double ceilingMsPerSecond, TimeSpan max)
    {
        ArgumentNullException.ThrowIfNull(source);
        var clock = Stopwatch.StartNew();
        // The warm-up's rows analysed first: a deployment that has run for a minute has statistics (autovacuum's first
        // round), a database created a few seconds before has none, and PostgreSQL then planned sequential scans of
        // tables growing by thousands of rows a second (triage's correlation keys: 10,252 rows read to find 64).
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(source.AdminPostgres) { Database = source.Database }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 120 };
            await analyze.ExecuteNonQueryAsync();
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", connection) { CommandTimeout = 120 };
            await checkpoint.ExecuteNonQueryAsync();
        }

        var last = await TakeAsync(source);
        var calm = 0;
        while (calm < 2 && clock.Elapsed < max)
        {
            await Task.Delay(1000);
            var now = await TakeAsync(source);
            calm = now["cpu.host"] - last["cpu.host"] <= ceilingMsPerSecond && now["cpu.postgres"] - last["cpu.postgres"] <= ceilingMsPerSecond ? calm + 1 : 0;
            last = now;
        }

        return clock.Elapsed;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string sql, Dictionary<string, double> values)
    {
#pragma warning disable CA2100 // constant SQL
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            values[reader.GetString(0)] = reader.IsDBNull(1) ? 0 : reader.GetDouble(1);
        }
    }

    private static async Task ReadBrokerAsync(Source source, Dictionary<string, double> values)
    {
        var vhost = Uri.EscapeDataString(source.VirtualHost!);
        using (var document = JsonDocument.Parse(await source.Infrastructure.ManagementGetAsync($"vhosts/{vhost}")))
        {
            values["total.messages"] = Stat(document.RootElement, "publish");
            values["total.deliveries"] = Stat(document.RootElement, "deliver_get");
        }

        using (var exchanges = JsonDocument.Parse(await source.Infrastructure.ManagementGetAsync($"exchanges/{vhost}")))
        {
            foreach (var exchange in exchanges.RootElement.EnumerateArray())
            {
                var name = exchange.GetProperty("name").GetString();
                // Messages published into a message type's exchange by the services (not the fan-out copies between exchanges).
                if (!string.IsNullOrEmpty(name) && name.Contains(':', StringComparison.Ordinal) && Stat(exchange, "publish_in") is > 0 and var published)
                {
                    values[$"published.{name[(name.LastIndexOf(':') + 1)..]}"] = published;
                }
            }
        }

        using var queues = JsonDocument.Parse(await source.Infrastructure.ManagementGetAsync($"queues/{vhost}"));
        foreach (var queue in queues.RootElement.EnumerateArray())
        {
            if (Stat(queue, "deliver_get") is > 0 and var delivered)
            {
                values[$"delivered.{queue.GetProperty("name").GetString()}"] = delivered;
            }
        }
    }

    private static double Stat(JsonElement element, string name) =>
        element.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : 0;

    /// <summary>A container's CPU time from the engine's cgroup (v1 cpuacct, else v2), in ms; 0 when neither is readable.</summary>
    private static double ContainerCpuMilliseconds(string id)
    {
        var v1 = $"/sys/fs/cgroup/cpuacct/docker/{id}/cpuacct.usage";
        if (File.Exists(v1))
        {
            return long.Parse(File.ReadAllText(v1).Trim(), CultureInfo.InvariantCulture) / 1e6;
        }

        foreach (var v2 in new[] { $"/sys/fs/cgroup/system.slice/docker-{id}.scope/cpu.stat", $"/sys/fs/cgroup/docker/{id}/cpu.stat" })
        {
            if (File.Exists(v2))
            {
                var line = File.ReadLines(v2).FirstOrDefault(l => l.StartsWith("usage_usec ", StringComparison.Ordinal));
                return line is null ? 0 : long.Parse(line[11..], CultureInfo.InvariantCulture) / 1e3;
            }
        }

        return 0;
    }

    /// <summary>Full-page images a second above which PostgreSQL is taken as busy on its own (see <see cref="PostgresBusyIn"/>).</summary>
    public const double BusyFullPagesPerSecond = 20;

    /// <summary>
    /// True when PostgreSQL was busy between the two samples on its own: more than <paramref name="ceilingMsPerSecond"/> of CPU,
    /// or more than <see cref="BusyFullPagesPerSecond"/> full-page images a second (an autovacuum of the warm-up's tables writes thousands; the idle background's
    /// check-ins a few). Such a window taken for the idle background made lean-29's figures for the report alone negative
    /// (PostgreSQL −61 ms and −725 KB of WAL per report): 228 ms/s of PostgreSQL CPU were subtracted from a phase that had less.
    /// </summary>
    public static bool PostgresBusyIn(WorkCounters before, WorkCounters after, double ceilingMsPerSecond)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var seconds = Math.Max((after.At - before.At).TotalSeconds, 0.001);
        return (after["cpu.postgres"] - before["cpu.postgres"]) / seconds > ceilingMsPerSecond
            || (after["total.walFullPages"] - before["total.walFullPages"]) / seconds > BusyFullPagesPerSecond;
    }

    /// <summary>True when PostgreSQL began a checkpoint between the two samples (its WAL, full-page images after it).</summary>
    public static bool CheckpointIn(WorkCounters before, WorkCounters after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return after["server.checkpointAt"] != before["server.checkpointAt"];
    }

    /// <summary>
    /// The work between two samples with the idle background taken out: <paramref name="idle"/> is a
    /// difference over a quiet period, scaled to this one's length.
    /// </summary>
    public static WorkDelta Between(WorkCounters before, WorkCounters after, WorkDelta? idle = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var seconds = (after.At - before.At).TotalSeconds;
        var delta = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var name in after._values.Keys.Union(before._values.Keys))
        {
            var raw = after[name] - before[name];
            var background = idle is null ? 0 : idle.PerSecond(name) * seconds;
            delta[name] = raw - background;
        }

        return new WorkDelta(delta, seconds);
    }
}

/// <summary>Work done over <see cref="Seconds"/>, by counter name.</summary>
public sealed record WorkDelta(IReadOnlyDictionary<string, double> Values, double Seconds)
{
    public double this[string name] => Values.GetValueOrDefault(name);

    public double PerSecond(string name) => Seconds > 0 ? this[name] / Seconds : 0;

    /// <summary>The counters whose names start with <paramref name="prefix"/>, without it.</summary>
    public IEnumerable<(string Name, double Value)> Group(string prefix) =>
        Values.Where(v => v.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(v => (v.Key[prefix.Length..], v.Value)).OrderByDescending(v => v.Value);
}
