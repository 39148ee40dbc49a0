using System.Net;
using System.Text.Json;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace IncidentResponse.Host.Tests;

public sealed class HostWiringTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_Host_with_a_subset_of_roles_creates_and_consumes_only_their_queues()
    {
        var name = TestNames.Unique("roles");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake,triage", customization: PipelineSmokeTests.Collecting(answers));

        var probeId = Guid.NewGuid();
        await host.Services.GetRequiredService<IBus>().Publish(new PipelineProbeRequested(probeId, TimeProvider.System.GetUtcNow()), TestContext.Current.CancellationToken);
        await Eventually.MatchesAsync(() => Task.FromResult(answers.ServicesFor(probeId)), s => s.Count == 3, what: "answers from access, intake and triage");

        var queues = await infrastructure.QueueNamesAsync(name);
        Assert.Contains("intake-pipeline-probe", queues);
        Assert.Contains("triage-pipeline-probe", queues);
        Assert.DoesNotContain(queues, q => q.StartsWith("notifications-", StringComparison.Ordinal)
            || q.StartsWith("escalation-", StringComparison.Ordinal) || q.StartsWith("web-", StringComparison.Ordinal));
        Assert.Equal(["access", "intake", "triage"], answers.ServicesFor(probeId));
        Assert.Equal(["access", "intake", "triage"], await SchemasAsync(deployment.Postgres));
    }

    [Fact]
    public async Task Every_outbox_relay_stops_before_the_bus_so_a_stopping_Host_publishes_the_batch_it_claimed()
    {
        using var data = new TempDirectory();
        await using var app = IncidentResponseHost.Build([.. new EmbeddedDeployment(data.Path).Settings.Select(kv => $"--{kv.Key}={kv.Value}")]);

        // Hosted services stop in the reverse order of their registration.
        var names = app.Services.GetServices<IHostedService>().Select(s => s.GetType().Name).ToList();
        var bus = names.IndexOf("MassTransitHostedService");
        var relays = names.Select((name, index) => (name, index)).Where(s => s.name.StartsWith("OutboxRelay", StringComparison.Ordinal)).ToList();
        Assert.True(bus >= 0, string.Join(", ", names));
        Assert.Equal(6, relays.Count); // access, intake, triage, notifications, escalation, web
        Assert.All(relays, relay => Assert.True(relay.index > bus, $"{relay.name} is registered before the bus: {string.Join(", ", names)}"));
    }

    [Fact]
    public async Task The_embedded_Host_is_ready_and_live_without_any_server()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path));

        using var ready = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        using var live = await host.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        var checks = await ChecksAsync(ready);
        Assert.Equal("Healthy", checks["database"]);
        Assert.Equal("Healthy", checks["bus"]);
    }

    [Fact]
    public async Task An_unreachable_database_makes_ready_fail_with_a_reason_while_the_Host_stays_up()
    {
        var name = TestNames.Unique("nodb");
        var deployment = new DistributedDeployment(
            await infrastructure.CreateVirtualHostAsync(name),
            $"Host=127.0.0.1;Port={ClosedPort()};Database=x;Username=x;Password=x;Timeout=2");
        await using var host = await TestHost.StartAsync(deployment, waitUntilReady: false);

        var body = await Eventually.MatchesAsync(
            () => ReadyBodyAsync(host),
            b => b.Status == HttpStatusCode.ServiceUnavailable && b.Body.Contains("refused", StringComparison.OrdinalIgnoreCase),
            what: "ready to report the refused connection");
        Assert.Contains("database", body.Body, StringComparison.Ordinal);
        using var live = await host.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task An_unreachable_broker_makes_ready_fail_while_the_Host_stays_up()
    {
        var name = TestNames.Unique("nobroker");
        var deployment = new DistributedDeployment(
            new Uri($"amqp://guest:guest@127.0.0.1:{ClosedPort()}/"),
            await infrastructure.CreateDatabaseAsync(name));
        await using var host = await TestHost.StartAsync(deployment, waitUntilReady: false);

        var body = await Eventually.MatchesAsync(
            () => ReadyBodyAsync(host),
            b => b.Status == HttpStatusCode.ServiceUnavailable && b.Checks.GetValueOrDefault("database") == "Healthy",
            what: "ready to fail on the broker alone");
        Assert.NotEqual("Healthy", body.Checks["bus"]);
        using var live = await host.Http.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task The_migrate_command_creates_every_schema_and_exits()
    {
        var name = TestNames.Unique("migrate");
        var database = await infrastructure.CreateDatabaseAsync(name);

        var exit = await IncidentResponseHost.RunAsync(["migrate", "--Database:Provider=Postgres", $"--Database:ConnectionString={database}", "--Logging:LogLevel:Default=Warning"]);

        Assert.Equal(0, exit);
        Assert.Equal(["access", "escalation", "intake", "notifications", "triage", "web"], await SchemasAsync(database));
    }

    [Fact]
    public async Task An_unknown_role_stops_the_Host_with_a_clear_exit_code()
    {
        var exit = await IncidentResponseHost.RunAsync(["--Roles=intake,paging"]);

        Assert.Equal(2, exit);
    }

    private static async Task<(HttpStatusCode Status, string Body, Dictionary<string, string> Checks)> ReadyBodyAsync(TestHost host)
    {
        using var response = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body, await ChecksAsync(response));
    }

    private static async Task<Dictionary<string, string>> ChecksAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
    }

    private static async Task<List<string>> SchemasAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT schema_name FROM information_schema.schemata WHERE schema_name NOT LIKE 'pg_%' AND schema_name NOT IN ('public', 'information_schema') ORDER BY 1", connection);
        var schemas = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            schemas.Add(reader.GetString(0));
        }

        return schemas;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
