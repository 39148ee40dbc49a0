using System.Text;
using System.Text.Json;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Messaging.Quorum;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace IncidentResponse.Host.Tests;

/// <summary>Issue 27: service queues are quorum queues; classic queues of an earlier version are migrated with their messages.</summary>
public sealed class QueueMigrationTests(InfrastructureFixture infrastructure)
{
    private const int Messages = 12;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Classic_queues_holding_messages_become_quorum_queues_after_migrate_queues_and_every_message_is_consumed()
    {
        var name = TestNames.Unique("quorummigration");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));

        // An earlier version: classic queues, and messages for a consumer that is not running.
        IReadOnlyList<Guid> sent;
        await using (var old = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings(("Messaging:RabbitMqQueueType", "Classic"))))
        {
            sent = await SendAsync(old);
        }

        Assert.Equal("classic", await QueueTypeAsync(name, FlakyConsumer.Queue));
        await WaitForMessagesAsync(name, FlakyConsumer.Queue, Messages);
        var flakiness = new Flakiness { Failing = false };

        var migrated = await MigrateAsync(deployment, flakiness);

        Assert.Contains(migrated, m => m.Queue == FlakyConsumer.Queue && m.Outcome == QueueMigrationOutcome.Migrated && m.Messages == Messages);
        Assert.Contains(migrated, m => m.Queue == "intake-pipeline-probe" && m.Outcome == QueueMigrationOutcome.Migrated);
        await using var host = await StartAsync(deployment, flakiness);
        await Eventually.MatchesAsync(() => ReceiptsAsync(host, sent), n => n == Messages, TimeSpan.FromSeconds(30), $"all {Messages} messages consumed");
        foreach (var queue in new[] { FlakyConsumer.Queue, FlakyConsumer.Queue + "_error", "intake-pipeline-probe" })
        {
            Assert.Equal("quorum", await QueueTypeAsync(name, queue));
        }

        Assert.DoesNotContain(await infrastructure.QueueNamesAsync(name), q => q.EndsWith(QueueMigrator.Suffix, StringComparison.Ordinal));
        Assert.All(await MigrateAsync(deployment, flakiness), m => Assert.NotEqual(QueueMigrationOutcome.Migrated, m.Outcome));
    }

    [Fact]
    public async Task A_message_handed_back_unsettled_more_often_than_the_delivery_limit_is_dead_lettered_to_the_error_queue_not_dropped()
    {
        var name = TestNames.Unique("quorumlimit");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        var flakiness = new Flakiness { Failing = false };
        await using (await StartAsync(deployment, flakiness))
        {
            // declares the queues as a Host does
        }

        Assert.Equal(2, await DeliveryLimitAsync(name, FlakyConsumer.Queue));
        var factory = new ConnectionFactory { Uri = deployment.RabbitMq };
        await using var connection = await factory.CreateConnectionAsync(Cancel);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: Cancel);
        await channel.BasicPublishAsync(FlakyConsumer.Queue, string.Empty, Encoding.UTF8.GetBytes("poison"), Cancel);

        // Handed back each time it is delivered, as by a Host that dies holding it.
        var deliveries = 0;
        var error = FlakyConsumer.Queue + "_error";
        var until = TimeProvider.System.GetUtcNow().AddSeconds(20);
        while (await channel.MessageCountAsync(error, Cancel) == 0 && TimeProvider.System.GetUtcNow() < until)
        {
            if (await channel.BasicGetAsync(FlakyConsumer.Queue, autoAck: false, Cancel) is { } message)
            {
                deliveries++;
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, Cancel);
            }
            else
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System, Cancel);
            }
        }

        Assert.Equal(1u, await channel.MessageCountAsync(error, Cancel));
        Assert.InRange(deliveries, 2, 3);
        Assert.Null(await channel.BasicGetAsync(FlakyConsumer.Queue, autoAck: false, Cancel));

        // A Host serving the queue says what lies in its fault queues (the IRFaultedMessages alert reads it), and counts
        // none in one the broker has not declared.
        var port = PeerProcess.FreePort();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake",
            settings: Settings(("Metrics:RefreshInterval", "00:00:01"), ("Metrics:LoopbackPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            customization: Customization(flakiness));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var metrics = await Eventually.MatchesAsync(() => http.GetStringAsync(new Uri("/metrics", UriKind.Relative), Cancel),
            text => text.Contains($"ir_messages_faulted{{queue=\"{FlakyConsumer.Queue}\",kind=\"error\"}} 1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "the faulted message counted");
        Assert.Contains($"ir_messages_faulted{{queue=\"{FlakyConsumer.Queue}\",kind=\"skipped\"}} 0", metrics, StringComparison.Ordinal);
        Assert.Contains("ir_messages_faulted{queue=\"intake-pipeline-probe\",kind=\"error\"} 0", metrics, StringComparison.Ordinal);
    }

    /// <summary>Sends the probes in a method of its own: MassTransit's log context (an async local) stays with this Host.</summary>
    private static async Task<IReadOnlyList<Guid>> SendAsync(TestHost host)
    {
        var sent = new List<Guid>();
        var endpoint = await host.Services.GetRequiredService<IBus>().GetSendEndpoint(new Uri($"queue:{FlakyConsumer.Queue}"));
        for (var i = 0; i < Messages; i++)
        {
            var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());
            await endpoint.Send(probe, Cancel);
            sent.Add(probe.ProbeId);
        }

        return sent;
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["Messaging:RabbitMqDeliveryLimit"] = "2" };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static HostCustomization Customization(Flakiness flakiness) => new()
    {
        ConfigureBuilder = b => b.Services.AddSingleton(flakiness),
        ConfigureBus = bus => bus.AddConsumer<FlakyConsumer>().Endpoint(e => e.Name = FlakyConsumer.Queue),
    };

    private static Task<TestHost> StartAsync(TestDeployment deployment, Flakiness flakiness) =>
        TestHost.StartAsync(deployment, roles: "intake", settings: Settings(), customization: Customization(flakiness));

    /// <summary>What <c>IncidentResponse.Host migrate-queues --roles intake</c> does, with the test's consumer among the intake queues.</summary>
    private static async Task<IReadOnlyList<QueueMigration>> MigrateAsync(TestDeployment deployment, Flakiness flakiness)
    {
        var settings = new Dictionary<string, string>(deployment.Settings) { ["Roles"] = "intake" };
        foreach (var (key, value) in Settings())
        {
            settings[key] = value;
        }

        await using var app = IncidentResponseHost.Build([QueueMigrationCommand.Name, .. settings.Select(kv => $"--{kv.Key}={kv.Value}")], Customization(flakiness));
        return await app.Services.GetRequiredService<QueueMigrator>().MigrateAsync(Cancel);
    }

    private async Task<JsonElement> QueueAsync(string virtualHost, string queue)
    {
        var json = await infrastructure.ManagementGetAsync($"queues/{Uri.EscapeDataString(virtualHost)}/{Uri.EscapeDataString(queue)}");
        return JsonDocument.Parse(json).RootElement.Clone();
    }

    private async Task<string?> QueueTypeAsync(string virtualHost, string queue) =>
        (await QueueAsync(virtualHost, queue)).GetProperty("type").GetString();

    private async Task<int?> DeliveryLimitAsync(string virtualHost, string queue) =>
        (await QueueAsync(virtualHost, queue)).GetProperty("arguments").TryGetProperty(QueueTopology.DeliveryLimitArgument, out var limit) ? limit.GetInt32() : null;

    /// <summary>Waits until the management API counts <paramref name="expected"/> messages in the queue (its counts lag a few seconds).</summary>
    private Task<long> WaitForMessagesAsync(string virtualHost, string queue, long expected) =>
        Eventually.MatchesAsync(async () =>
        {
            var q = await QueueAsync(virtualHost, queue);
            return q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : -1;
        }, n => n == expected, TimeSpan.FromSeconds(20), $"{expected} messages in {queue}");

    private static async Task<int> ReceiptsAsync(TestHost host, IReadOnlyCollection<Guid> probes)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.ProbeReceipts.CountAsync(r => probes.Contains(r.ProbeId) && r.Service == "flaky", Cancel);
    }
}
