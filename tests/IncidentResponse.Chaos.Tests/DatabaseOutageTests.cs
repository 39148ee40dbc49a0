using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>Issue 22: PostgreSQL stopped for a minute while reports come in; nothing may end in an error queue.</summary>
public sealed class DatabaseOutageTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 600_000)]
    public async Task Reports_filed_while_PostgreSQL_is_stopped_for_a_minute_are_all_triaged_routed_and_mailed_once_it_is_back()
    {
        await using var postgres = await OwnServer.PostgresAsync(Cancel);
        var virtualHost = TestNames.Unique("chaosoutage");
        await using var run = await ChaosRun.StartAsync("database-outage",
            ChaosRun.Distributed(postgres.Address, await infrastructure.CreateVirtualHostAsync(virtualHost)));
        var reports = ChaosOptions.StallReports;
        var load = TimeSpan.FromSeconds(reports / ChaosOptions.Rate);
        var stopAt = load * (0.2 + (0.3 * run.Random.NextDouble()));
        run.Journal.Say($"filing {reports} reports at {ChaosOptions.Rate}/s over {load.TotalSeconds:0} s; PostgreSQL stopped at {stopAt.TotalSeconds:0.0} s for {ChaosOptions.StallLock.TotalSeconds:0} s");

        await Task.WhenAll(
            run.Client.FileAsync(reports, ChaosOptions.Rate, Cancel),
            Disruptions.RunScheduleAsync([(stopAt, () => run.Disruptions.OutageAsync("database", postgres, ChaosOptions.StallLock, Cancel))], Cancel));

        await run.AuditAsync(reports);
        // Work that failed while the database was away was held until it could be set aside, not faulted.
        var faulted = await infrastructure.ErrorQueueMessagesAsync(virtualHost);
        Assert.True(faulted.Count == 0, "messages in error queues: " + string.Join(", ", faulted.Select(q => $"{q.Key} {q.Value}")));
    }
}
