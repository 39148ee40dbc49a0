using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Issue 22: the routing and escalation tables locked for a minute while reports come in (review T2). The database
/// scenarios mostly wait, so each is a class of its own and they run beside one another (see AssemblyInfo.cs).
/// </summary>
public sealed class DatabaseStallTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 600_000)]
    public async Task Incidents_filed_while_the_routing_tables_are_locked_for_a_minute_are_all_engaged_and_mailed_once_the_lock_ends()
    {
        var name = TestNames.Unique("chaosstall");
        var database = await infrastructure.CreateDatabaseAsync(name);
        await using var run = await ChaosRun.StartAsync("database-stall", ChaosRun.Distributed(database, await infrastructure.CreateVirtualHostAsync(name)));
        var reports = ChaosOptions.StallReports;
        var rate = reports / (ChaosOptions.StallLock.TotalSeconds * 0.75);

        var lockedAt = TimeProvider.System.GetUtcNow();
        await using (var tables = await TableLock.TakeAsync(database, ["notifications.engagements", "escalation.chains"], Cancel))
        {
            run.Journal.Say($"notifications.engagements and escalation.chains locked for {ChaosOptions.StallLock.TotalSeconds:0} s; filing {reports} reports at {rate:0.0}/s");
            var load = run.Client.FileAsync(reports, rate, Cancel);
            await Task.Delay(ChaosOptions.StallLock, Cancel);
            await tables.ReleaseAsync();
            run.Disruptions.Add(new Disruption("lock", lockedAt, TimeProvider.System.GetUtcNow()));
            run.Journal.Say("lock released");
            await load;
        }

        await run.AuditAsync(reports);
    }
}
