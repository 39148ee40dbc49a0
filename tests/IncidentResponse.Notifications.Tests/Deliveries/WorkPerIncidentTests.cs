using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>
/// What notifications costs the database for one new incident routed to several units, one e-mail each: routing in one
/// read and one commit, which inserts the notices already claimed for this Host's dispatcher; dispatch in one read of the
/// incidents as they are now and one commit for the completions (the notices come handed over: no claim statement).
/// Before: routing 14 transactions, 27 rows, 9 messages; dispatch 36 transactions, 32 rows, 8 messages (8 units); then,
/// with a claim per dispatch, 3 transactions and 8 more rows.
/// </summary>
public abstract class WorkPerIncidentTests
{
    protected abstract Task<PipelineWorld> WorldAsync();

    [Fact]
    public async Task A_new_incident_is_routed_and_mailed_in_a_handful_of_transactions()
    {
        await using var world = await WorldAsync();
        await world.DeliverAsync(PipelineWorld.NewIncident()); // a Host that has routed before holds the directory's units in memory
        var warm = await world.DispatchAsync();
        world.Work.Reset();
        var incident = PipelineWorld.NewIncident();

        await world.DeliverAsync(incident);
        var routing = (world.Work.Transactions, world.Work.Rows, world.Work.Messages);
        world.Work.Reset();
        await world.DispatchAsync();
        var dispatch = (world.Work.Transactions, world.Work.Rows, world.Work.Messages);

        var units = (await world.NotificationsAsync(incident.IncidentId)).Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"{units} units; routing {routing}; dispatch {dispatch}");
        Assert.Equal(warm + units, world.Sender.Sent.Count);
        Assert.True(units >= 5, $"{units} units");
        Assert.True(routing.Transactions <= 2, $"routing: {routing}");
        Assert.Equal(1, routing.Messages); // UnitsEngaged, carrying the answer to the state
        Assert.True(dispatch.Transactions <= 2, $"dispatch: {dispatch}");
        Assert.True(dispatch.Rows <= 2 * units + 1, $"dispatch: {dispatch}"); // each notice's completion and attempt, one outbox row
        Assert.Equal(1, dispatch.Messages); // NotificationsDelivered
    }
}

public sealed class SqliteWorkPerIncidentTests : WorkPerIncidentTests
{
    protected override Task<PipelineWorld> WorldAsync() => PipelineWorld.SqliteAsync();
}

public sealed class PostgresWorkPerIncidentTests(InfrastructureFixture infrastructure) : WorkPerIncidentTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<PipelineWorld> WorldAsync() =>
        await PipelineWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("work_" + Guid.NewGuid().ToString("N")[..12]));
}
