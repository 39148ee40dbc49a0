using System.Diagnostics;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Testing;
using MassTransit;
using Npgsql;

namespace IncidentResponse.Benchmarks.Storm;

/// <summary>
/// Makes many pending escalation steps quickly. One engagement goes the real way (a <c>UnitEngaged</c>
/// event; the consumer stores its chain and its wake-up trigger); its chain row is then copied in SQL
/// under new ids, exactly as the consumer would have written it, so setting up 100,000 takes seconds
/// instead of a long series of calls. Copies may also get a wake-up trigger each (the worst case for
/// storage: every step due at an instant of its own). Firing is the real sweep, woken by Quartz.
/// </summary>
public sealed class PendingSteps(string postgres)
{
    /// <summary>The template engagement: VNPT, severity 3, so the "high" policy (first step after 15 min, on call paged).</summary>
    public async Task<Guid> EngageTemplateAsync(TestHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var engagement = Guid.NewGuid();
        var bus = (IBus)host.Services.GetService(typeof(IBus))!;
        await bus.Publish(new UnitEngaged(engagement, Guid.NewGuid(), "BN-BENCH-0001", "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh",
            "bench", "bench", 3, false, 1, TimeProvider.System.GetUtcNow()));
        await using var connection = await OpenAsync();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            // The chain is committed before its wake-up is stored: wait for both.
            await using var command = new NpgsqlCommand(
                "SELECT (SELECT count(*) FROM escalation.chains WHERE id = @id) + (SELECT count(*) FROM escalation.qrtz_triggers WHERE trigger_name LIKE 'due-%')", connection);
            command.Parameters.AddWithValue("id", engagement);
            try
            {
                if ((long)(await command.ExecuteScalarAsync())! >= 2)
                {
                    return engagement;
                }
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // Quartz creates its tables when the scheduler starts, after the migrations.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the template engagement got no escalation chain and wake-up in 60 s");
    }

    /// <summary>Copies the template's chain <paramref name="copies"/> times under new ids, each with a wake-up of its own when <paramref name="wakeUpEach"/>.</summary>
    public async Task CopyAsync(Guid template, int copies, bool wakeUpEach)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var sql = $"""
            CREATE TEMP TABLE bench_ids ON COMMIT DROP AS SELECT gen_random_uuid() AS new_id FROM generate_series(1, {copies});
            CREATE TEMP TABLE bench_chains ON COMMIT DROP AS SELECT c.*, b.new_id FROM escalation.chains c CROSS JOIN bench_ids b WHERE c.id = '{template}';
            UPDATE bench_chains SET id = new_id;
            ALTER TABLE bench_chains DROP COLUMN new_id;
            INSERT INTO escalation.chains SELECT * FROM bench_chains;
            """;
        if (wakeUpEach)
        {
            sql += """
                CREATE TEMP TABLE bench_triggers ON COMMIT DROP AS SELECT t.*, b.new_id FROM escalation.qrtz_triggers t CROSS JOIN bench_ids b WHERE t.trigger_name = (SELECT min(trigger_name) FROM escalation.qrtz_triggers WHERE trigger_name LIKE 'due-%');
                UPDATE bench_triggers SET trigger_name = 'due-bench-' || new_id::text;
                CREATE TEMP TABLE bench_simple ON COMMIT DROP AS SELECT s.*, b.new_id FROM escalation.qrtz_simple_triggers s CROSS JOIN bench_ids b WHERE s.trigger_name = (SELECT min(trigger_name) FROM escalation.qrtz_triggers WHERE trigger_name LIKE 'due-%');
                UPDATE bench_simple SET trigger_name = 'due-bench-' || new_id::text;
                ALTER TABLE bench_triggers DROP COLUMN new_id;
                ALTER TABLE bench_simple DROP COLUMN new_id;
                INSERT INTO escalation.qrtz_triggers SELECT * FROM bench_triggers;
                INSERT INTO escalation.qrtz_simple_triggers SELECT * FROM bench_simple;
                """;
        }

        await using (var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 600 })
        {
            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    /// <summary>Makes every pending first step (and any copied wake-up) due at <paramref name="dueAt"/>, in one transaction.</summary>
    public async Task MakeDueAsync(DateTimeOffset dueAt)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand("""
            UPDATE escalation.chains SET next_due_at = @due WHERE state = 'active' AND next_step = 1 AND round = 1;
            UPDATE escalation.qrtz_triggers SET next_fire_time = @ticks, start_time = @ticks WHERE trigger_name LIKE 'due-bench-%';
            """, connection, transaction) { CommandTimeout = 600 };
        command.Parameters.AddWithValue("due", dueAt.ToUniversalTime());
        command.Parameters.AddWithValue("ticks", dueAt.UtcTicks);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
