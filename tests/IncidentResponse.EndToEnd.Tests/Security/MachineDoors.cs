using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests.Security;

/// <summary>Requests of the machine doors, as a monitoring tool and the SMS gateway send them.</summary>
internal static class MachineDoors
{
    public static object AlertmanagerPayload(string groupKey, int alerts = 1) => new Dictionary<string, object?>
    {
        ["version"] = "4",
        ["groupKey"] = groupKey,
        ["status"] = "firing",
        ["receiver"] = "ir",
        ["groupLabels"] = new Dictionary<string, string> { ["alertname"] = "HostDown" },
        ["commonLabels"] = new Dictionary<string, string> { ["alertname"] = "HostDown", ["severity"] = "critical" },
        ["commonAnnotations"] = new Dictionary<string, string> { ["summary"] = "Máy chủ mất kết nối " + groupKey },
        ["externalURL"] = "http://alertmanager.example.invalid",
        ["alerts"] = Enumerable.Range(1, alerts).Select(i => new Dictionary<string, object?>
        {
            ["status"] = "firing",
            ["labels"] = new Dictionary<string, string> { ["alertname"] = "HostDown", ["instance"] = $"10.0.0.{i}" },
            ["annotations"] = new Dictionary<string, string>(),
            ["startsAt"] = "2026-11-25T10:00:00+07:00",
        }).ToList(),
    };

    /// <summary>The free-form report of review T4: the highest class, security level and impact, TLP:CLEAR.</summary>
    public static object LoudReport() => new
    {
        title = "x " + Guid.NewGuid().ToString("N"),
        description = "y",
        classification = "intrusions:system-compromise",
        tlp = "CLEAR",
        affectedSystem = new { name = "S", securityLevel = 5, isp = "VNPT" },
        impact = new { functional = "high", serviceInterrupted = true, ownerCanHandle = false, personalData = true },
    };

    public static async Task<ApiClient> KeyAsync(this ApiClient admin, string role, string? unit = null)
    {
        using var issued = await admin.PostJsonAsync("/api/v1/api-keys", new { name = role + " " + Guid.NewGuid().ToString("N")[..8], role, unit });
        Assert.True(issued.StatusCode == HttpStatusCode.Created, $"{(int)issued.StatusCode}: {await issued.Content.ReadAsStringAsync()}");
        return admin.WithKey((await ApiClient.ReadJsonAsync(issued)).GetProperty("key").GetString());
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await ApiClient.ReadJsonAsync(response);
    }

    /// <summary>A problem without what differs per request (its trace id).</summary>
    public static string Shape(JsonElement problem) => string.Join("|",
        problem.EnumerateObject().Where(p => p.Name != "traceId").OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{p.Name}={p.Value.GetRawText()}"));
}
