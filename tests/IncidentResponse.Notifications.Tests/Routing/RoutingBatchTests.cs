using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.Notifications.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>
/// Routing takes the states consumed together in one transaction, idempotent by its natural keys: a batch delivered
/// again (or overlapping an earlier one) engages nobody twice and mails nobody twice; a state that cannot be routed
/// fails alone; one <see cref="UnitsEngaged"/> per commit, carrying the answers to the states.
/// </summary>
public abstract class RoutingBatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<PipelineWorld> WorldAsync();

    [Fact]
    public async Task A_routing_batch_delivered_twice_engages_each_unit_once_and_mails_it_once()
    {
        await using var world = await WorldAsync();
        var states = Enumerable.Range(0, 6).Select(_ => PipelineWorld.NewIncident()).ToArray();

        await world.DeliverAsync(states);
        await world.DeliverAsync(states); // the same states again, as triage sends them until answered
        await world.DeliverAsync(states[3..].Append(PipelineWorld.NewIncident(states[0].IncidentId, version: 1)).ToArray()); // overlapping
        await world.DispatchAsync();

        var ids = states.Select(s => s.IncidentId).ToList();
        var engagements = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => ids.Contains(e.IncidentId)).ToListAsync(Cancel));
        var notifications = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(Cancel));
        Assert.True(engagements.Count >= 5 * states.Length);
        Assert.Equal(engagements.Count, engagements.Select(e => (e.IncidentId, e.UnitCode)).Distinct().Count());
        Assert.Equal(engagements.Count, notifications.Count);
        Assert.All(notifications, n => Assert.Equal(NotificationStatus.Delivered, n.Status));
        Assert.Equal(notifications.Count, world.Sender.Sent.Count);
        Assert.Equal(notifications.Count, world.Sender.Sent.Select(s => s.NotificationId).Distinct().Count());
        var outbox = await world.OutboxAsync();
        Assert.DoesNotContain(outbox, m => m.Type is nameof(UnitEngaged) or nameof(IncidentStateApplied) or nameof(NotificationDelivered));
        var announced = outbox.Where(m => m.Type == nameof(UnitsEngaged)).Sum(m => m.Body.Split("\"engagementId\"").Length - 1);
        Assert.Equal(engagements.Count, announced); // each engagement announced once, by the commit that made it
    }

    [Fact]
    public async Task A_triage_batch_in_one_message_delivered_twice_engages_each_unit_of_each_incident_once()
    {
        await using var world = await WorldAsync();
        var states = Enumerable.Range(0, 5).Select(_ => PipelineWorld.NewIncident()).ToArray();
        var batch = new IncidentsTriaged(states);

        await world.DeliverAsync(batch, batch); // as triage publishes a batch's states, and again
        await world.DispatchAsync();

        var ids = states.Select(s => s.IncidentId).ToList();
        var engagements = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => ids.Contains(e.IncidentId)).ToListAsync(Cancel));
        Assert.Equal(ids.Order(), engagements.Select(e => e.IncidentId).Distinct().Order());
        Assert.True(engagements.Count >= 5 * states.Length);
        Assert.Equal(engagements.Count, engagements.Select(e => (e.IncidentId, e.UnitCode)).Distinct().Count());
        var copies = await world.WithDbAsync(db => db.Incidents.AsNoTracking().Where(i => ids.Contains(i.IncidentId)).ToListAsync(Cancel));
        Assert.All(copies, c => Assert.Equal(1, c.StateVersion));
        Assert.Equal(engagements.Count, world.Sender.Sent.Count);
        Assert.Equal(engagements.Count, world.Sender.Sent.Select(s => s.NotificationId).Distinct().Count());
    }

    [Fact]
    public async Task A_state_that_cannot_be_routed_fails_alone_and_the_others_of_its_batch_are_committed()
    {
        await using var world = await WorldAsync();
        var good = Enumerable.Range(0, 4).Select(_ => PipelineWorld.NewIncident()).ToList();
        var bad = PipelineWorld.NewIncident() with { Title = null! }; // the copy's title is required: this state cannot be stored

        var routed = await world.InScopeAsync(sp =>
        {
            var batcher = sp.GetRequiredService<RoutingBatcher>();
            return Task.FromResult(good.Take(2).Append(bad).Concat(good.Skip(2)).Select(s => batcher.RouteAsync(NewId.NextGuid(), s, Cancel)).ToList());
        });

        await Assert.ThrowsAnyAsync<Exception>(() => routed[2]);
        await Task.WhenAll(routed.Where((_, i) => i != 2));
        var ids = good.Select(s => s.IncidentId).ToList();
        Assert.Equal(4, await world.WithDbAsync(db => db.Incidents.CountAsync(i => ids.Contains(i.IncidentId), Cancel)));
        Assert.Equal(0, await world.WithDbAsync(db => db.Engagements.CountAsync(e => e.IncidentId == bad.IncidentId, Cancel)));
        var engaged = await world.WithDbAsync(db => db.Engagements.Where(e => ids.Contains(e.IncidentId)).Select(e => e.IncidentId).Distinct().CountAsync(Cancel));
        Assert.Equal(4, engaged);
    }

    [Fact]
    public async Task States_of_one_incident_in_one_batch_are_applied_in_the_order_they_came_as_one_by_one()
    {
        await using var world = await WorldAsync();
        var opened = PipelineWorld.NewIncident(severity: 2, serious: false);
        var raised = opened with { SeverityLevel = 4, Serious = true, StateVersion = 2 };
        var closed = raised with { Status = IncidentStatuses.Closed, StateVersion = 3 };
        var late = opened with { StateVersion = 1 };

        await world.InScopeAsync(sp => sp.GetRequiredService<IncidentRouting>().ApplyAsync(
            [(NewId.NextGuid(), opened), (NewId.NextGuid(), raised), (NewId.NextGuid(), closed), (NewId.NextGuid(), late)], readAllEngagements: false, Cancel));

        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == opened.IncidentId, Cancel));
        Assert.Equal((IncidentStatuses.Closed, 3, true), (copy.Status, copy.StateVersion, copy.Serious));
        var notifications = await world.NotificationsAsync(opened.IncidentId);
        Assert.NotEmpty(notifications);
        Assert.Contains(notifications, n => n.Origin == "update"); // units engaged by the first state were told of the second
        Assert.All(notifications, n => Assert.Equal(NotificationStatus.Cancelled, n.Status)); // and the close cancelled them all
        // One message for the commit: the units engaged, with the answer (version 3) riding in it.
        var outbox = await world.OutboxAsync();
        var engaged = Assert.Single(outbox, m => m.Type == nameof(UnitsEngaged));
        Assert.Contains("\"appliedStates\":[{", engaged.Body, StringComparison.Ordinal);
        Assert.Contains("\"stateVersion\":3", engaged.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(outbox, m => m.Type == nameof(IncidentStatesApplied));
    }

    [Fact]
    public async Task Escalation_holding_chains_in_one_answer_stops_their_announcements_and_a_repeat_changes_nothing()
    {
        await using var world = await WorldAsync();
        var state = PipelineWorld.NewIncident();
        await world.DeliverAsync(state);
        var engagements = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == state.IncidentId).ToListAsync(Cancel));
        var at = TimeProvider.System.GetUtcNow();
        var answer = new EscalationChainsStarted(engagements.Select(e => new EscalationChainStarted(e.Id, e.IncidentId, "running", at.AddSeconds(engagements.IndexOf(e) % 2))).ToList());

        await world.InScopeAsync(sp => Held(sp, answer.Chains));
        await world.InScopeAsync(sp => Held(sp, [new EscalationChainStarted(engagements[0].Id, state.IncidentId, "running", at.AddMinutes(5))]));

        var held = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == state.IncidentId).ToListAsync(Cancel));
        Assert.All(held, e => Assert.NotNull(e.ChainHeldAt));
        Assert.Equal(at, held.Single(e => e.Id == engagements[0].Id).ChainHeldAt!.Value, TimeSpan.FromMilliseconds(1)); // the first answer stands
    }

    [Fact]
    public async Task Every_notice_says_how_the_first_report_came_in_also_those_a_later_state_sends()
    {
        await using var world = await WorldAsync();
        var opened = PipelineWorld.NewIncident(severity: 3) with { ReportedVia = ReportChannels.EventsApi, OpenedAt = TimeProvider.System.GetUtcNow() };
        var risen = opened with { StateVersion = 2, SeverityLevel = 5, ReportedVia = null, OpenedAt = null }; // later states do not say it

        await world.DeliverAsync(opened);
        await world.DeliverAsync(risen);

        var notices = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.IncidentId == opened.IncidentId).ToListAsync(Cancel));
        var read = notices.Select(n => System.Text.Json.JsonSerializer.Deserialize<Notifications.Channels.Notice>(n.Notice, Notifications.Partners.DirectoryJson.Options)!).ToList();
        Assert.Contains(read, n => n.Kind == Notifications.Channels.NoticeKind.Update); // the rise told the engaged units
        Assert.All(read, n => Assert.Equal(ReportChannels.EventsApi, n.ReportedVia));
        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == opened.IncidentId, Cancel));
        Assert.Equal((ReportChannels.EventsApi, 2), (copy.ReportedVia, copy.StateVersion));
    }

    private static async Task<int> Held(IServiceProvider services, IReadOnlyCollection<EscalationChainStarted> chains)
    {
        await new EscalationChainStartedConsumer(services.GetRequiredService<Notifications.Data.NotificationsDbContext>()).HeldAsync(chains, Cancel);
        return 0;
    }
}

public sealed class SqliteRoutingBatchTests : RoutingBatchTests
{
    protected override Task<PipelineWorld> WorldAsync() => PipelineWorld.SqliteAsync();
}

public sealed class PostgresRoutingBatchTests(InfrastructureFixture infrastructure) : RoutingBatchTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<PipelineWorld> WorldAsync() =>
        await PipelineWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("routing_" + Guid.NewGuid().ToString("N")[..12]));
}
