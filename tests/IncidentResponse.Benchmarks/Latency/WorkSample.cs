using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// The work counters of one deployment at one moment: its database's transactions and rows written
/// (PostgreSQL's own statistics, flushed by each backend within about a second of going idle) and the
/// messages published into its virtual host. The difference of two samples over a load, divided by its
/// reports, says what one report costs end to end.
/// </summary>
public sealed record WorkSample(long Transactions, long RowsWritten, long Messages)
{
    public static async Task<WorkSample> TakeAsync(InfrastructureFixture infrastructure, DistributedDeployment deployment)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        ArgumentNullException.ThrowIfNull(deployment);
        var database = new NpgsqlConnectionStringBuilder(deployment.Postgres).Database!;
        await using var connection = new NpgsqlConnection(deployment.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT xact_commit + xact_rollback, tup_inserted + tup_updated + tup_deleted FROM pg_stat_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", database);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var transactions = reader.GetInt64(0);
        var rows = reader.GetInt64(1);
        var messages = await infrastructure.MessagesPublishedAsync(Uri.UnescapeDataString(deployment.RabbitMq.AbsolutePath.TrimStart('/')));
        return new WorkSample(transactions, rows, messages);
    }

    public static WorkSample operator -(WorkSample after, WorkSample before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        return new WorkSample(after.Transactions - before.Transactions, after.RowsWritten - before.RowsWritten, after.Messages - before.Messages);
    }
}
