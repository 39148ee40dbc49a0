using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>An incident's detail and timeline reads stay bounded however many reports join it (review M4e: an alert storm can add thousands).</summary>
public sealed class IncidentDetailTests
{
    private const string Key = "incident-detail-test-key-0123456789abcdef";

    [Fact]
    public async Task The_detail_lists_the_report_that_opened_it_and_the_latest_and_counts_them_all()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string> { ["Bootstrap:ApiKey"] = Key });
        var api = new ApiClient(host.Http, Key);
        const int filed = 203;
        var system = "Cổng " + TestNames.Unique("detail");
        var ids = new List<Guid>();
        for (var i = 0; i < filed; i++)
        {
            ids.Add(await api.SubmitReportAsync(SampleReports.Ddos(system)));
        }

        var id = (await api.IncidentOfReportAsync(ids[0])).GetProperty("id").GetGuid();
        var detail = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}"), d => d.GetProperty("reportCount").GetInt32() == filed,
            TimeSpan.FromSeconds(60), "every report correlated into the incident");

        var listed = detail.GetProperty("reports").EnumerateArray().Select(r => r.GetProperty("reportId").GetGuid()).ToList();
        Assert.Equal(200, listed.Count);
        Assert.Equal(ids[0], listed[0]); // the report that opened it
        Assert.Equal([.. ids[^199..]], listed[1..]); // and the latest, oldest first
        Assert.DoesNotContain(ids[1], listed);

        // Its timeline (an entry per correlated report) is read the latest part at a time, with the count of all. Partner
        // activity may still append while this runs, so each read is checked against its own count, and the earlier
        // part is asked for below a fixed sequence.
        Assert.True(detail.GetProperty("timelineLength").GetInt32() > filed, "an entry per report");
        int length;
        using (var latest = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/timeline?latest=10"))
        {
            length = TotalCount(latest);
            var entries = (await ApiClient.ReadJsonAsync(latest)).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()).ToList();
            Assert.Equal(Enumerable.Range(length - 9, 10), entries);
        }

        var earlier = await api.GetJsonAsync($"/api/v1/incidents/{id}/timeline?latest=5&before={length - 9}");
        Assert.Equal(Enumerable.Range(length - 14, 5), earlier.EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
        using (var all = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/timeline")) // all, under 5,000
        {
            var total = TotalCount(all);
            Assert.True(total >= length, $"{total} after {length}");
            Assert.Equal(Enumerable.Range(1, total), (await ApiClient.ReadJsonAsync(all)).EnumerateArray().Select(e => e.GetProperty("sequence").GetInt32()));
        }

        foreach (var (query, field) in new[] { ("latest=0", "latest"), ("latest=5001", "latest"), ("before=0", "before") })
        {
            using var refused = await api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{id}/timeline?{query}");
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await ApiClient.ReadJsonAsync(refused)).GetProperty("errors").TryGetProperty(field, out _), query);
        }
    }

    private static int TotalCount(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
}
