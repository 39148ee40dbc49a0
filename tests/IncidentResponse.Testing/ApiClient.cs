using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace IncidentResponse.Testing;

/// <summary>Talks to a Host's public API like a client would, with an API key.</summary>
public sealed class ApiClient(HttpClient http, string? apiKey)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public HttpClient Http => http;

    public ApiClient WithKey(string? key) => new(http, key);

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? idempotencyKey = null) =>
        PostRawAsync(path, JsonSerializer.Serialize(body, Json), idempotencyKey);

    /// <summary>
    /// Posts a body as it is. <paramref name="expectContinue"/> asks before sending it (<c>Expect: 100-continue</c>),
    /// as a client sending a large body should: a server that refuses it at once (413) then answers before the
    /// body is sent. Without it, a client still writing a large body when the server answers and closes can meet
    /// a reset connection instead.
    /// </summary>
    public async Task<HttpResponseMessage> PostRawAsync(string path, string body, string? idempotencyKey = null, string contentType = "application/json", bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(body, Encoding.UTF8, contentType),
        };
        request.Headers.ExpectContinue = expectContinue ? true : null;
        Authorize(request);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Posts <paramref name="content"/> as it is (a multipart upload); see <see cref="PostRawAsync"/> on <paramref name="expectContinue"/>.</summary>
    public async Task<HttpResponseMessage> PostContentAsync(string path, HttpContent content, string? idempotencyKey = null, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = content };
        request.Headers.ExpectContinue = expectContinue ? true : null;
        Authorize(request);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(body, Json), Encoding.UTF8, "application/json"),
        };
        Authorize(request);
        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        Authorize(request);
        return await http.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new HttpRequestException($"GET {path}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Files a report and returns its id; fails the test unless the answer is 202.</summary>
    public async Task<Guid> SubmitReportAsync(object report, string? idempotencyKey = null)
    {
        using var response = await PostJsonAsync("/api/v1/reports", report, idempotencyKey);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"POST /api/v1/reports: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("reportId").GetGuid();
    }

    /// <summary>Waits until triage has put the report into an incident; returns the report view.</summary>
    public Task<JsonElement> WaitUntilTriagedAsync(Guid reportId, TimeSpan? timeout = null) =>
        Eventually.MatchesAsync(
            () => GetJsonAsync($"/api/v1/reports/{reportId}"),
            r => r.GetProperty("status").GetString() == "triaged",
            timeout ?? TimeSpan.FromSeconds(30),
            $"report {reportId} triaged");

    public async Task<JsonElement> IncidentOfReportAsync(Guid reportId)
    {
        var report = await WaitUntilTriagedAsync(reportId);
        return await GetJsonAsync($"/api/v1/incidents/{report.GetProperty("incidentId").GetGuid()}");
    }

    /// <summary>
    /// Waits until routing has engaged at least <paramref name="units"/> units on the incident, every
    /// notification has an outcome, and the timeline shows each engagement and each outcome; returns
    /// the engagements (each with its deliveries).
    /// </summary>
    public async Task<JsonElement> WaitUntilNotifiedAsync(Guid incidentId, int units = 1, TimeSpan? timeout = null)
    {
        var engagements = await Eventually.MatchesAsync(
            () => GetJsonAsync($"/api/v1/incidents/{incidentId}/engagements"),
            e => e.GetArrayLength() >= units && e.EnumerateArray().All(x =>
                x.GetProperty("deliveries").GetArrayLength() > 0
                && x.GetProperty("deliveries").EnumerateArray().All(d => d.GetProperty("status").GetString() != "pending")),
            timeout ?? TimeSpan.FromSeconds(30),
            $"incident {incidentId}: {units}+ units engaged and every notification settled");
        // Only a notice delivered or failed is put on the timeline; one cancelled (acknowledged, closed or superseded
        // before it went) or held (a drill) never is, and counting it made this wait for an entry that cannot come.
        var outcomes = engagements.EnumerateArray().Sum(e => e.GetProperty("deliveries").EnumerateArray()
            .Where(d => d.GetProperty("status").GetString() is "delivered" or "failed")
            .Sum(d => 1 + d.GetProperty("resends").GetInt32()));
        await Eventually.MatchesAsync(
            () => GetJsonAsync($"/api/v1/incidents/{incidentId}/timeline"),
            // At least: a state applied after the snapshot (a raised severity) may engage more units meanwhile.
            t => t.EnumerateArray().Count(x => x.GetProperty("kind").GetString() == "unit-engaged") >= engagements.GetArrayLength()
                && t.EnumerateArray().Count(x => x.GetProperty("kind").GetString()!.StartsWith("notification-", StringComparison.Ordinal)) >= outcomes,
            timeout ?? TimeSpan.FromSeconds(30),
            $"incident {incidentId}: engagements and deliveries on the timeline");
        return engagements;
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Json)).Clone();
    }

    private void Authorize(HttpRequestMessage request)
    {
        if (apiKey is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }
    }
}
