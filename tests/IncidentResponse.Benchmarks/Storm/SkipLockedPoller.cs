using Npgsql;

namespace IncidentResponse.Benchmarks.Storm;

/// <summary>
/// The storm baseline: a hand-written PostgreSQL poller on the same database. As many workers as
/// Quartz has threads each claim the next due step with <c>FOR UPDATE SKIP LOCKED</c> and, in that one
/// transaction, mark it fired, record the firing and leave an outbox row: the same durable writes a
/// step of ours makes, one step per transaction, without Quartz.
/// </summary>
public static class SkipLockedPoller
{
    private const string Claim = """
        WITH claimed AS (
            SELECT id, due_at FROM bench.poller_steps
            WHERE NOT fired AND due_at <= clock_timestamp()
            ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED),
        marked AS (
            UPDATE bench.poller_steps s SET fired = true FROM claimed WHERE s.id = claimed.id RETURNING s.id, claimed.due_at),
        fired AS (
            INSERT INTO bench.poller_fired (step_id, due_at, fired_at, fired_by, detail)
            SELECT id, due_at, clock_timestamp(), @worker, '{"targets":["oncall:vnpt-bn"],"skipped":[]}' FROM marked RETURNING step_id)
        INSERT INTO bench.poller_outbox (step_id, body) SELECT step_id, @body FROM fired
        """;

    /// <summary>Creates <paramref name="steps"/> steps due together, drains them with <paramref name="workers"/> workers; returns the firings' lateness (ms, sorted), drain seconds and duplicates.</summary>
    public static async Task<(List<double> Lateness, double DrainSeconds, long Duplicates, long Never)> RunAsync(string postgres, int steps, int workers)
    {
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var setup = new NpgsqlCommand("""
                CREATE SCHEMA IF NOT EXISTS bench;
                DROP TABLE IF EXISTS bench.poller_steps, bench.poller_fired, bench.poller_outbox;
                CREATE TABLE bench.poller_steps (id uuid PRIMARY KEY, due_at timestamptz NOT NULL, fired boolean NOT NULL DEFAULT false);
                CREATE INDEX ON bench.poller_steps (due_at) WHERE NOT fired;
                CREATE TABLE bench.poller_fired (id bigserial PRIMARY KEY, step_id uuid NOT NULL UNIQUE, due_at timestamptz NOT NULL, fired_at timestamptz NOT NULL, fired_by text NOT NULL, detail text NOT NULL);
                CREATE TABLE bench.poller_outbox (id bigserial PRIMARY KEY, step_id uuid NOT NULL, body text NOT NULL);
                """, connection);
            await setup.ExecuteNonQueryAsync();
        }

        var dueAt = TimeProvider.System.GetUtcNow().AddSeconds(3);
        await using (var connection = new NpgsqlConnection(postgres))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO bench.poller_steps (id, due_at) SELECT gen_random_uuid(), @due FROM generate_series(1, @n)", connection);
            insert.Parameters.AddWithValue("due", dueAt);
            insert.Parameters.AddWithValue("n", steps);
            await insert.ExecuteNonQueryAsync();
        }

        var body = new string('x', 600);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var remaining = steps;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(async worker =>
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync();
            while (Volatile.Read(ref remaining) > 0 && !stop.IsCancellationRequested)
            {
                await using var transaction = await connection.BeginTransactionAsync();
                await using var claim = new NpgsqlCommand(Claim, connection, transaction);
                claim.Parameters.AddWithValue("worker", $"poller-{worker}");
                claim.Parameters.AddWithValue("body", body);
                var fired = await claim.ExecuteNonQueryAsync();
                await transaction.CommitAsync();
                if (fired > 0)
                {
                    Interlocked.Add(ref remaining, -fired);
                }
                else
                {
                    await Task.Delay(50);
                }
            }
        }));

        await using var read = new NpgsqlConnection(postgres);
        await read.OpenAsync();
        return await StormStatistics.ReadAsync(read, "bench.poller_fired", "step_id", steps, dueAt);
    }
}
