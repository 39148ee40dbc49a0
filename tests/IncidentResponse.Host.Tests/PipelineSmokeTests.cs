using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// The real parts, end to end: a message published through MassTransit is consumed from each
/// service's own queue, written through EF Core into each service's own store, and each answer
/// is published again through that service's outbox.
/// </summary>
public sealed class PipelineSmokeTests(InfrastructureFixture infrastructure)
{
    // Access is not a role but owns a database like one, so it answers too.
    private static readonly string[] AllServices = ["access", "escalation", "intake", "notifications", "triage", "web"];

    [Fact]
    public async Task A_message_on_RabbitMQ_is_consumed_by_every_service_and_stored_in_PostgreSQL()
    {
        var deployment = await DistributedAsync("smoke");
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, customization: Collecting(answers));

        var probeId = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new PipelineProbeRequested(probeId, TimeProvider.System.GetUtcNow()), TestContext.Current.CancellationToken);

        await Eventually.MatchesAsync(() => Task.FromResult(answers.ServicesFor(probeId)), s => s.Count == AllServices.Length, what: "answers from every service");
        foreach (var service in AllServices)
        {
            Assert.Equal(1, await CountReceiptsAsync(deployment.Postgres, service, probeId));
        }

        Assert.Equal(AllServices, answers.ServicesFor(probeId));
    }

    [Fact]
    public async Task The_same_message_on_the_embedded_default_is_stored_in_each_SQLite_file()
    {
        using var data = new TempDirectory();
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), customization: Collecting(answers));

        var probeId = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new PipelineProbeRequested(probeId, TimeProvider.System.GetUtcNow()), TestContext.Current.CancellationToken);

        await Eventually.MatchesAsync(() => Task.FromResult(answers.ServicesFor(probeId)), s => s.Count == AllServices.Length, what: "answers from every service");
        Assert.Equal(AllServices, answers.ServicesFor(probeId));
        // One file per service, and escalation's Quartz store beside them.
        Assert.Equal(AllServices.Append("escalation-timers").Order(StringComparer.Ordinal),
            Directory.GetFiles(data.Path, "*.db").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_probe_delivered_twice_is_stored_once()
    {
        var deployment = await DistributedAsync("twice");
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake", customization: Collecting(answers));

        var probe = new PipelineProbeRequested(Guid.NewGuid(), TimeProvider.System.GetUtcNow());
        var bus = host.Services.GetRequiredService<IBus>();
        var messageId = NewId.NextGuid();
        await bus.Publish(probe, c => c.MessageId = messageId, TestContext.Current.CancellationToken);
        await bus.Publish(probe, c => c.MessageId = messageId, TestContext.Current.CancellationToken);

        await Eventually.MatchesAsync(() => Task.FromResult(answers.ServicesFor(probe.ProbeId)), s => s.Contains("intake"), what: "intake's answer");
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        Assert.Equal(1, await CountReceiptsAsync(deployment.Postgres, "intake", probe.ProbeId));
        Assert.Single(answers.Received, a => a.ProbeId == probe.ProbeId && a.Service == "intake");
    }

    internal static HostCustomization Collecting(ProbeAnswers answers) => new()
    {
        ConfigureBuilder = b => b.Services.AddSingleton(answers),
        ConfigureBus = bus => bus.AddConsumer<ProbeAnswersConsumer>(),
    };

    private async Task<DistributedDeployment> DistributedAsync(string name)
    {
        var unique = TestNames.Unique(name);
        return new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(unique), await infrastructure.CreateDatabaseAsync(unique));
    }

    private static async Task<long> CountReceiptsAsync(string connectionString, string schema, Guid probeId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM {schema}.probe_receipts WHERE probe_id = @id", connection);
        command.Parameters.AddWithValue("id", probeId);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
