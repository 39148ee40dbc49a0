using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.Escalation.Incidents;
using IncidentResponse.Escalation.Tests.Chains;
using IncidentResponse.Testing;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Escalation.Tests.Support;

/// <summary>Escalation's consumers on an in-memory test bus over a world's database, clock, rules and timers.</summary>
public sealed class ConsumerBus(ServiceProvider services, ITestHarness harness) : IAsyncDisposable
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static async Task<ConsumerBus> StartAsync(EscalationWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(world.Clock)
            .AddSingleton(world.Policies)
            .AddSingleton(world.Timers)
            .AddScoped<EscalationDbContext>(_ => world.NewContext())
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<UnitEngagedConsumer>();
                bus.AddConsumer<EngagementMilestonesConsumer>();
                bus.AddConsumer<NotificationFailedConsumer>();
                bus.AddIncidentStateConsumer();
                bus.AddConsumer<StepAnswersConsumer>();
                bus.AddConsumer<DeadlineAlertAnsweredConsumer>();
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        return new ConsumerBus(services, harness);
    }

    /// <summary>Delivers one message and waits until it is consumed (so the test decides the order).</summary>
    public Task DeliverAsync<T>(T message)
        where T : class => DeliverTogetherAsync(message);

    /// <summary>Publishes the messages at once (a consumer taking batches may take them together) and waits until each is consumed.</summary>
    public async Task DeliverTogetherAsync<T>(params T[] messages)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(messages);
        var ids = messages.Select(_ => NewId.NextGuid()).ToList();
        await Task.WhenAll(messages.Select((m, i) => harness.Bus.Publish(m, c => c.MessageId = ids[i], Cancel)));
        await Eventually.MatchesAsync(
            () => Task.FromResult(ids.All(id => harness.WasConsumed<T>(id))), consumed => consumed,
            TimeSpan.FromSeconds(30), $"{messages.Length} {typeof(T).Name} to be consumed");
        Assert.False(await harness.Published.Any<Fault<T>>(Cancel));
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();
}
