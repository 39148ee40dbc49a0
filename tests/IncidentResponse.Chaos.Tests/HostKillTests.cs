using IncidentResponse.Testing;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// Issue 22: the Host killed with SIGKILL at random moments while a careful client files reports (and,
/// on RabbitMQ, the broker stopped for a while). Every report answered 2xx must end triaged in an
/// incident of its own, with its units engaged, their escalation set up and a first mail sent once.
/// </summary>
[Collection(RunAlone.Name)]
public sealed class HostKillTests(InfrastructureFixture infrastructure)
{
    private static CancellationToken Cancel => ChaosRun.Cancel;

    [Fact(Timeout = 600_000)]
    public async Task Reports_filed_while_the_Host_is_killed_again_and_again_are_all_triaged_routed_and_mailed_once_on_the_embedded_default()
    {
        await using var run = await ChaosRun.StartAsync("embedded-kills", ChaosRun.Embedded);

        await KillsUnderLoadAsync(run, broker: null);
    }

    [Fact(Timeout = 600_000)]
    public async Task Reports_filed_while_the_Host_is_killed_and_the_broker_stopped_are_all_triaged_routed_and_mailed_once_on_RabbitMQ_and_PostgreSQL()
    {
        await using var broker = await OwnServer.RabbitMqAsync(Cancel);
        var database = await infrastructure.CreateDatabaseAsync(TestNames.Unique("chaoskill"));
        await using var run = await ChaosRun.StartAsync("distributed-kills", ChaosRun.Distributed(database, new Uri(broker.Address)));

        await KillsUnderLoadAsync(run, broker);
    }

    /// <summary>The load at its rate; meanwhile the kills (and the outage) at random moments of it, one after the other.</summary>
    private static async Task KillsUnderLoadAsync(ChaosRun run, OwnServer? broker)
    {
        var reports = ChaosOptions.Reports;
        var load = TimeSpan.FromSeconds(reports / ChaosOptions.Rate);
        var schedule = new List<(TimeSpan At, Func<Task> Action)>();
        for (var kill = 0; kill < ChaosOptions.Kills; kill++)
        {
            schedule.Add((load * (0.1 + (0.8 * run.Random.NextDouble())), () => run.Disruptions.KillAndRestartAsync(run.Host, run.Random, Cancel)));
        }

        if (broker is not null)
        {
            schedule.Add((load * (0.3 + (0.3 * run.Random.NextDouble())), () => run.Disruptions.OutageAsync("broker", broker, ChaosOptions.BrokerOutage, Cancel)));
        }

        run.Journal.Say($"filing {reports} reports at {ChaosOptions.Rate}/s over {load.TotalSeconds:0} s; disruptions at " +
            string.Join(", ", schedule.Select(s => $"{s.At.TotalSeconds:0.0} s").Order()));
        await Task.WhenAll(run.Client.FileAsync(reports, ChaosOptions.Rate, Cancel), Disruptions.RunScheduleAsync(schedule, Cancel));

        var figures = await run.AuditAsync(reports, firstMailLimit: ChaosOptions.FirstMailLimit);
        Assert.True(figures.Kills >= ChaosOptions.Kills, $"only {figures.Kills} kills were done");
    }
}
