using IncidentResponse.Testing;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>An incident's detail stays bounded however many reports join it (review M4e: an alert storm can add thousands).</summary>
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
    }
}
