using System.Net;
using System.Text.Json;

namespace IncidentResponse.Testing;

/// <summary>Integration keys and the machine doors (Events API v2), as a monitoring tool and its administrator use them.</summary>
public static class MachineIntakeClient
{
    /// <summary>Issues an integration key (as the administrator) and returns it; fails unless 201.</summary>
    public static async Task<string> IssueIntegrationKeyAsync(this ApiClient api, string name, string kind = "events-v2", object? defaults = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        var body = new Dictionary<string, object?> { ["name"] = name, ["kind"] = kind };
        if (defaults is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(defaults, ApiClient.Json).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }

        using var response = await api.PostJsonAsync("/api/v1/integrations", body);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new HttpRequestException($"POST /api/v1/integrations: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>Posts an event to <c>/v2/enqueue</c> without any credential header, as PagerDuty clients do.</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> EnqueueAsync(this ApiClient api, string json)
    {
        ArgumentNullException.ThrowIfNull(api);
        var response = await api.WithKey(null).PostRawAsync("/v2/enqueue", json);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement body;
        try
        {
            body = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            body = JsonSerializer.SerializeToElement(text);
        }

        return (response.StatusCode, body, response);
    }

    public static string Event(string routingKey, string action, string? dedupKey = null, string? summary = null, string source = "monitor-01", string severity = "critical") =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["routing_key"] = routingKey,
            ["event_action"] = action,
            ["dedup_key"] = dedupKey,
            ["payload"] = summary is null ? null : new { summary, source, severity },
        });

    /// <summary>Every incident whose title contains <paramref name="text"/>, through every page of the list (closed ones too).</summary>
    public static async Task<List<JsonElement>> IncidentsTitledAsync(this ApiClient api, string text)
    {
        ArgumentNullException.ThrowIfNull(api);
        var found = new List<JsonElement>();
        foreach (var status in new[] { "open", "closed" })
        {
            for (var page = 1; ; page++)
            {
                var list = await api.GetJsonAsync($"/api/v1/incidents?status={status}&pageSize=200&page={page}");
                var items = list.GetProperty("items");
                found.AddRange(items.EnumerateArray().Where(i => i.GetProperty("title").GetString()!.Contains(text, StringComparison.Ordinal)));
                if (items.GetArrayLength() < 200)
                {
                    break;
                }
            }
        }

        return found;
    }

    /// <summary>Waits until the incidents titled with <paramref name="text"/> meet <paramref name="condition"/>.</summary>
    public static Task<List<JsonElement>> WaitForIncidentsAsync(this ApiClient api, string text, Func<List<JsonElement>, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(() => api.IncidentsTitledAsync(text), condition, timeout ?? TimeSpan.FromSeconds(30), what);

    public static string StatusOf(JsonElement incident) => incident.GetProperty("status").GetProperty("value").GetString()!;

    public static async Task<List<string>> TimelineKindsAsync(this ApiClient api, JsonElement incident)
    {
        ArgumentNullException.ThrowIfNull(api);
        var timeline = await api.GetJsonAsync($"/api/v1/incidents/{incident.GetProperty("id").GetGuid()}/timeline");
        return timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToList();
    }
}
