using System.Net;
using System.Text.Json;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A consumer that keeps failing: after its quick retries the message is stored in its service's
/// database and sent back to its queue with growing delays (seconds here, minutes in production);
/// past the horizon it is parked for a coordinator, who replays or discards it through the API.
/// </summary>
public sealed class ParkingTests(InfrastructureFixture infrastructure)
{
    private const string ApiKey = "parking-tests-bootstrap-key-0123456789";

    [Fact]
    public async Task A_failing_message_is_stored_redelivered_and_applied_once_the_fault_is_fixed_on_RabbitMQ_and_PostgreSQL()
    {
        var name = TestNames.Unique("redeliver");
        await RedeliveredUntilFixedAsync(new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)));
    }

    [Fact]
    public async Task A_failing_message_is_stored_redelivered_and_applied_once_the_fault_is_fixed_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        await RedeliveredUntilFixedAsync(new EmbeddedDeployment(data.Path));
    }

    [Fact]
    public async Task Past_the_horizon_a_message_is_parked_shown_and_a_replay_applies_it_exactly_once_and_is_audited()
    {
        using var data = new TempDirectory();
        var flakiness = new Flakiness();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), flakiness, horizon: "00:00:02");
        var api = new ApiClient(host.Http, ApiKey);
        var probe = await SendAsync(host, FlakyConsumer.Queue);

        var parked = await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r?.State == ParkedWorkStates.Parked, TimeSpan.FromSeconds(30), "the parked row");
        flakiness.Failing = false;
        var deliveries = flakiness.Deliveries.Count(d => d == probe.ProbeId);
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(deliveries, flakiness.Deliveries.Count(d => d == probe.ProbeId));

        var list = await api.GetJsonAsync("/api/v1/parked-work");
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetGuid() == parked!.Id);
        Assert.Equal("parked", item.GetProperty("state").GetString());
        Assert.Equal(FlakyConsumer.Queue, item.GetProperty("queue").GetString());
        Assert.Contains(probe.ProbeId.ToString(), item.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.Contains("fails on purpose", item.GetProperty("firstError").GetString(), StringComparison.Ordinal);
        var group = list.GetProperty("queues").EnumerateArray().Single(q => q.GetProperty("queue").GetString() == FlakyConsumer.Queue);
        Assert.Equal(1, group.GetProperty("count").GetInt32());
        // Readiness stays 200 and warns (its count is refreshed every few seconds).
        var health = await Eventually.MatchesAsync(() => ReadinessAsync(host), h => h.Parked == 1, TimeSpan.FromSeconds(30), "the readiness warning");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Contains("WARNING: 1 message(s) parked", health.Description, StringComparison.Ordinal);

        using var replay = await api.SendAsync(HttpMethod.Post, $"/api/v1/parked-work/{parked!.Id}/replay");
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        await Eventually.MatchesAsync(() => ReceiptsAsync(host, probe.ProbeId), n => n == 1, what: "the replayed probe's receipt");
        await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r is null, what: "the row removed once applied");
        using var again = await api.SendAsync(HttpMethod.Post, $"/api/v1/parked-work/{parked.Id}/replay");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await ReceiptsAsync(host, probe.ProbeId));

        var audit = await api.GetJsonAsync($"/api/v1/audit?subject=parked-work:{parked.Id}");
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal("parked-work.replayed", entry.GetProperty("action").GetString());
        Assert.Contains(FlakyConsumer.Queue, entry.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("apikey:", entry.GetProperty("actorId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_parked_message_discarded_by_a_coordinator_is_gone_never_applied_and_audited()
    {
        using var data = new TempDirectory();
        var flakiness = new Flakiness();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), flakiness, horizon: "00:00:01");
        var api = new ApiClient(host.Http, ApiKey);
        var probe = await SendAsync(host, FlakyConsumer.Queue);
        var parked = await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r?.State == ParkedWorkStates.Parked, TimeSpan.FromSeconds(30), "the parked row");
        flakiness.Failing = false;

        using var discard = await api.SendAsync(HttpMethod.Post, $"/api/v1/parked-work/{parked!.Id}/discard");
        using var gone = await api.SendAsync(HttpMethod.Get, $"/api/v1/parked-work/{parked.Id}");

        Assert.Equal(HttpStatusCode.OK, discard.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(await RowAsync(host, probe.ProbeId));
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        Assert.Equal(0, await ReceiptsAsync(host, probe.ProbeId));
        var audit = await api.GetJsonAsync($"/api/v1/audit?subject=parked-work:{parked.Id}");
        Assert.Equal("parked-work.discarded", Assert.Single(audit.GetProperty("items").EnumerateArray()).GetProperty("action").GetString());
    }

    [Fact]
    public async Task Each_message_of_a_failing_batch_is_stored_alone_and_redelivered()
    {
        using var data = new TempDirectory();
        var flakiness = new Flakiness();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), flakiness);
        var first = await SendAsync(host, FlakyBatchConsumer.Queue);
        var second = await SendAsync(host, FlakyBatchConsumer.Queue);

        await Eventually.MatchesAsync(
            async () => (await RowAsync(host, first.ProbeId), await RowAsync(host, second.ProbeId)),
            r => r.Item1 is not null && r.Item2 is not null, TimeSpan.FromSeconds(30), "a row for each message of the batch");
        flakiness.Failing = false;

        await Eventually.MatchesAsync(
            async () => (await RowAsync(host, first.ProbeId), await RowAsync(host, second.ProbeId)),
            r => r.Item1 is null && r.Item2 is null, TimeSpan.FromSeconds(30), "both rows forgotten after their redelivery succeeded");
    }

    private static async Task RedeliveredUntilFixedAsync(TestDeployment deployment)
    {
        var flakiness = new Flakiness();
        await using var host = await StartAsync(deployment, flakiness);
        var probe = await SendAsync(host, FlakyConsumer.Queue);

        var stored = await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r is not null, TimeSpan.FromSeconds(30), "the stored failure");
        await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r?.Attempts >= 2, TimeSpan.FromSeconds(30), "a redelivery that failed again");
        flakiness.Failing = false;

        await Eventually.MatchesAsync(() => ReceiptsAsync(host, probe.ProbeId), n => n == 1, TimeSpan.FromSeconds(30), "the probe applied after the fix");
        await Eventually.MatchesAsync(() => RowAsync(host, probe.ProbeId), r => r is null, what: "the row forgotten");
        Assert.Equal(FlakyConsumer.Queue, stored!.Queue);
        Assert.Equal(ParkedWorkStates.Waiting, stored.State);
        Assert.Contains("InvalidOperationException: the flaky consumer fails on purpose", stored.FirstError, StringComparison.Ordinal);
        Assert.Equal(1, await ReceiptsAsync(host, probe.ProbeId));
    }

    internal static Task<TestHost> StartAsync(TestDeployment deployment, Flakiness flakiness, string horizon = "01:00:00") =>
        TestHost.StartAsync(deployment, roles: "intake", settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Access:ApiKeyCacheDuration"] = "00:00:00",
            ["Redelivery:QuickRetries:0"] = "00:00:00.050",
            ["Redelivery:Delays:0"] = "00:00:00.500",
            ["Redelivery:Delays:1"] = "00:00:01",
            ["Redelivery:Horizon"] = horizon,
            ["Redelivery:PollInterval"] = "00:00:00.200",
        }, customization: new HostCustomization
        {
            ConfigureBuilder = b => b.Services.AddSingleton(flakiness),
            ConfigureBus = bus =>
            {
                bus.AddConsumer<FlakyConsumer>().Endpoint(e => e.Name = FlakyConsumer.Queue);
                bus.AddConsumer<FlakyBatchConsumer>(c => c.Options<BatchOptions>(o => o.SetMessageLimit(10).SetTimeLimit(TimeSpan.FromMilliseconds(300))))
                    .Endpoint(e => e.Name = FlakyBatchConsumer.Queue);
            },
        });

    private static async Task<PipelineProbeRequested> SendAsync(TestHost host, string queue)
    {
        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());
        var bus = host.Services.GetRequiredService<IBus>();
        var endpoint = await bus.GetSendEndpoint(RedeliveryHeaders.Address(bus, queue));
        await endpoint.Send(probe, TestContext.Current.CancellationToken);
        return probe;
    }

    private static async Task<DeferredMessage?> RowAsync(TestHost host, Guid probeId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var rows = await db.DeferredMessages.AsNoTracking().ToListAsync();
        return rows.SingleOrDefault(r => r.Body.Contains(probeId.ToString(), StringComparison.Ordinal));
    }

    private static async Task<(HttpStatusCode Status, int Parked, string Description)> ReadinessAsync(TestHost host)
    {
        using var ready = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var entry = JsonDocument.Parse(await ready.Content.ReadAsStringAsync()).RootElement.GetProperty("checks").GetProperty("parked-work");
        var parked = entry.TryGetProperty("data", out var data) ? data.GetProperty("parked").GetInt32() : -1;
        return (ready.StatusCode, parked, entry.GetProperty("description").GetString() ?? "");
    }

    private static async Task<int> ReceiptsAsync(TestHost host, Guid probeId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.ProbeReceipts.CountAsync(r => r.ProbeId == probeId && r.Service == "flaky");
    }
}
