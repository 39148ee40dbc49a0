using System.Net;
using IncidentResponse.Testing;
using static IncidentResponse.Testing.MachineIntakeClient;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>A Host that looks for missed heartbeats every 200 ms.</summary>
public sealed class HeartbeatHostFixture : EmbeddedHostFixture
{
    protected override Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string> { ["Intake:Heartbeats:CheckInterval"] = "00:00:00.200" });
}

/// <summary>A source required to report in: a missed interval opens an incident, the returning ping is written on it.</summary>
public sealed class HeartbeatTests(HeartbeatHostFixture fixture) : IClassFixture<HeartbeatHostFixture>
{
    private ApiClient Api => fixture.Api;

    /// <summary>A heartbeat integration key and its integration's id.</summary>
    private async Task<(string Key, Guid Id)> SourceAsync(string label)
    {
        var key = await Api.IssueIntegrationKeyAsync(label, "heartbeat");
        var id = (await Api.GetJsonAsync("/api/v1/integrations")).EnumerateArray().Single(i => i.GetProperty("name").GetString() == label).GetProperty("id").GetGuid();
        return (key, id);
    }

    [Fact]
    public async Task A_missed_interval_opens_an_incident_and_the_returning_ping_annotates_it()
    {
        var name = $"isp-gateway-{Guid.NewGuid():N}"[..24];
        var (key, integrationId) = await SourceAsync($"heartbeat {name}");
        using (var define = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 2 }))
        {
            Assert.Equal(HttpStatusCode.OK, define.StatusCode);
        }

        using (var ping = await Api.WithKey(key).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, ping.StatusCode);
        }

        var otherKey = await Api.IssueIntegrationKeyAsync($"someone else {name}", "heartbeat");
        using (var foreign = await Api.WithKey(otherKey).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        var incident = (await Api.WaitForIncidentsAsync(name, l => l.Count == 1, "incident for the missed heartbeat", TimeSpan.FromSeconds(20)))[0];
        Assert.Equal("missed", (await Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray()
            .Single(h => h.GetProperty("name").GetString() == name).GetProperty("status").GetString());

        // A long interval from now on, so that the heartbeat is not missed again while the test looks.
        using (var longer = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 3600 }))
        {
            Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
        }

        using (var back = await Api.WithKey(key).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, back.StatusCode);
        }

        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(incident), k => k.Contains("alert-resolved"), TimeSpan.FromSeconds(20), "the return on the timeline");
        Assert.NotEqual("closed", StatusOf((await Api.IncidentsTitledAsync(name)).Single()));
    }
    [Fact]
    public async Task A_removed_heartbeat_is_no_longer_watched_its_key_gets_404_and_every_change_is_audited()
    {
        var name = $"old-router-{Guid.NewGuid():N}"[..24];
        var (key, integrationId) = await SourceAsync($"heartbeat {name}");
        foreach (var seconds in new[] { 3600, 1 })
        {
            using var define = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = seconds });
            Assert.Equal(HttpStatusCode.OK, define.StatusCode);
        }

        using (var removed = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/heartbeats/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var ping = await Api.WithKey(key).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }))
        {
            Assert.Equal(HttpStatusCode.NotFound, ping.StatusCode);
        }

        using (var twice = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/heartbeats/{name}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
        }

        // Its 1 s interval passes many times over (the monitor looks every 200 ms): no alert is raised for it.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Empty(await Api.IncidentsTitledAsync(name));
        Assert.DoesNotContain((await Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray(), h => h.GetProperty("name").GetString() == name);
        var audit = (await Api.GetJsonAsync($"/api/v1/audit?subject=heartbeat:{name}")).GetProperty("items").EnumerateArray()
            .OrderBy(e => e.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(["heartbeat.defined", "heartbeat.changed", "heartbeat.deleted"], audit.Select(e => e.GetProperty("action").GetString()));
        Assert.Contains("\"intervalSeconds\":3600", audit[1].GetProperty("before").GetString()!, StringComparison.Ordinal);
        Assert.Contains("\"intervalSeconds\":1", audit[1].GetProperty("after").GetString()!, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, audit[2].GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task Removing_a_missed_heartbeat_resolves_its_alert_and_the_name_starts_afresh()
    {
        var name = $"retired-{Guid.NewGuid():N}"[..24];
        var (_, integrationId) = await SourceAsync($"heartbeat {name}");
        async Task DefineAsync()
        {
            using var define = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 1 });
            Assert.Equal(HttpStatusCode.OK, define.StatusCode);
        }

        await DefineAsync();
        var first = (await Api.WaitForIncidentsAsync(name, l => l.Count == 1, "incident for the missed heartbeat", TimeSpan.FromSeconds(20)))[0];

        // Its open alert is its source's: moving a missed heartbeat to another source is refused (the alert would stay open).
        var (_, newSource) = await SourceAsync($"heartbeat {name} new");
        using (var moved = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId = newSource, intervalSeconds = 3600 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, moved.StatusCode);
            Assert.Contains("integrationId", await moved.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using (var removed = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/heartbeats/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        await Eventually.MatchesAsync(() => Api.TimelineKindsAsync(first), k => k.Contains("alert-resolved"), TimeSpan.FromSeconds(20), "the removal resolves the alert");
        var resolved = (await Api.GetJsonAsync($"/api/v1/incidents/{first.GetProperty("id").GetGuid()}/timeline")).EnumerateArray()
            .Single(e => e.GetProperty("kind").GetString() == "alert-resolved");
        Assert.Contains("yêu cầu tín hiệu định kỳ đã được gỡ bỏ", resolved.GetProperty("summaryVi").GetString()!, StringComparison.Ordinal); // not "recovered"

        // Defined again and missed again: a new alert files a new report (correlated with the incident still open), where a
        // repeat counted on the old alert would file none.
        await DefineAsync();
        await Api.WaitForIncidentsAsync(name, l => l.Sum(i => i.GetProperty("reportCount").GetInt32()) == 2, "a new report for the new heartbeat's miss",
            TimeSpan.FromSeconds(20));
        using (var cleanup = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/heartbeats/{name}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, cleanup.StatusCode);
        }
    }

    [Fact]
    public async Task A_heartbeat_missed_during_maintenance_opens_no_incident_and_its_return_clears_the_hold()
    {
        var name = $"portal-db-{Guid.NewGuid():N}"[..24];
        var (key, integrationId) = await SourceAsync($"heartbeat {name}");
        using (var window = await Api.PostJsonAsync("/api/v1/maintenance-windows",
            new { integrationId, endsAt = TimeProvider.System.GetUtcNow().AddHours(1), reason = "Sao lưu và khởi động lại máy chủ CSDL" }))
        {
            Assert.Equal(HttpStatusCode.Created, window.StatusCode);
        }

        using (var define = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 1 }))
        {
            Assert.Equal(HttpStatusCode.OK, define.StatusCode);
        }

        // Missed and raised, but held: no incident while the window runs.
        var held = await Eventually.MatchesAsync(() => Api.GetJsonAsync("/api/v1/reports/held"),
            h => h.EnumerateArray().Any(r => r.GetProperty("title").GetString()!.Contains(name, StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the missed heartbeat held");
        var reportId = held.EnumerateArray().Single(r => r.GetProperty("title").GetString()!.Contains(name, StringComparison.Ordinal)).GetProperty("reportId").GetGuid();
        Assert.Equal("missed", (await Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray()
            .Single(h => h.GetProperty("name").GetString() == name).GetProperty("status").GetString());
        Assert.Empty(await Api.IncidentsTitledAsync(name));

        using (var longer = await Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/heartbeats/{name}", new { integrationId, intervalSeconds = 3600 }))
        {
            Assert.Equal(HttpStatusCode.OK, longer.StatusCode);
        }

        using (var back = await Api.WithKey(key).PostJsonAsync($"/api/v1/heartbeats/{name}/ping", new { }))
        {
            Assert.Equal(HttpStatusCode.Accepted, back.StatusCode);
        }

        var report = await Api.GetJsonAsync($"/api/v1/reports/{reportId}");
        Assert.Equal("rejected", report.GetProperty("status").GetString());
        Assert.Equal("up", (await Api.GetJsonAsync("/api/v1/heartbeats")).EnumerateArray()
            .Single(h => h.GetProperty("name").GetString() == name).GetProperty("status").GetString());
        Assert.Empty(await Api.IncidentsTitledAsync(name));
    }
}
