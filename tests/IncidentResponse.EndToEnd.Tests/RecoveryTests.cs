using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>A 202 means stored: a report accepted while its announcement cannot reach triage is triaged after a restart.</summary>
public sealed class RecoveryTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_report_accepted_while_the_broker_is_down_is_triaged_once_the_broker_is_back()
    {
        var name = TestNames.Unique("brokerdown");
        var database = await infrastructure.CreateDatabaseAsync(name);
        var down = new DistributedDeployment(new Uri($"amqp://guest:guest@127.0.0.1:{ClosedPort()}/"), database);
        Guid reportId;

        // First life: the database works, the broker does not. Intake still accepts and stores.
        await using (var first = await TestHost.StartAsync(down, roles: "intake", settings: Settings(("Outbox:ClaimLease", "00:00:02")), waitUntilReady: false))
        {
            var api = await ReadyForRequestsAsync(first);
            reportId = await api.SubmitReportAsync(SampleReports.Ddos($"Broker down {name}"));
        }

        var up = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), database);
        await using var second = await TestHost.StartAsync(up, settings: Settings());

        var report = await new ApiClient(second.Http, HostFixture.AdminKey).WaitUntilTriagedAsync(reportId, TimeSpan.FromSeconds(60));
        Assert.NotEqual(Guid.Empty, report.GetProperty("incidentId").GetGuid());
    }

    [Fact]
    public async Task A_report_whose_announcement_was_lost_is_announced_again_and_triaged_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        var deployment = new EmbeddedDeployment(data.Path);
        Guid reportId;

        // First life: only intake runs; the in-memory announcement has no triage to reach and is gone with the process.
        await using (var first = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings()))
        {
            reportId = await new ApiClient(first.Http, HostFixture.AdminKey).SubmitReportAsync(SampleReports.Ddos("Lost announcement"));
        }

        await using var second = await TestHost.StartAsync(deployment, settings: Settings(
            ("Intake:ReannounceAfter", "00:00:01"), ("Intake:ReannounceCheckInterval", "00:00:00.500")));

        var report = await new ApiClient(second.Http, HostFixture.AdminKey).WaitUntilTriagedAsync(reportId);
        Assert.NotEqual(Guid.Empty, report.GetProperty("incidentId").GetGuid());
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Not ready (no broker), but the database is migrated and the API answers.</summary>
    private static async Task<ApiClient> ReadyForRequestsAsync(TestHost host)
    {
        var api = new ApiClient(host.Http, HostFixture.AdminKey);
        await Eventually.MatchesAsync(async () =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, $"/api/v1/reports/{Guid.NewGuid()}");
            return response.StatusCode;
        }, status => status == HttpStatusCode.NotFound, TimeSpan.FromSeconds(60), "the database to be migrated");
        return api;
    }

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
