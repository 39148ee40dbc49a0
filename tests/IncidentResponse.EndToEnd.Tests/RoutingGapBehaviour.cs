using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// An owner agency or ISP that matches no unit of the directory used to be skipped with a log line only: the owner was
/// never told and nothing on the incident said so. The incident's routing gaps name them, for staff only.
/// </summary>
public abstract class RoutingGapBehaviour(HostFixture fixture)
{
    private ApiClient Api => fixture.Api;

    private static object Report(string title, string? ownerAgency, string? isp) => new
    {
        title,
        description = "Cổng không truy cập được, lưu lượng bất thường",
        classification = "availability:ddos",
        tlp = "AMBER",
        detectedAt = SampleReports.DefaultDetectedAtText,
        affectedSystem = new { name = "Cổng thông tin " + title, ownerAgency, isp },
    };

    private async Task<(Guid Incident, List<JsonElement> Gaps)> GapsOfAsync(object report)
    {
        var incident = (await Api.IncidentOfReportAsync(await Api.SubmitReportAsync(report))).GetProperty("id").GetGuid();
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            using var answer = await Api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{incident}/routing-gaps");
            if (answer.StatusCode == HttpStatusCode.OK)
            {
                return (incident, (await ApiClient.ReadJsonAsync(answer)).EnumerateArray().ToList());
            }

            Assert.True(answer.StatusCode == HttpStatusCode.NotFound && TimeProvider.System.GetUtcNow() < deadline, $"routing gaps answered {(int)answer.StatusCode}");
            await Task.Delay(100, TestContext.Current.CancellationToken); // routing has not seen the incident yet
        }
    }

    [Fact]
    public async Task An_owner_and_an_ISP_the_directory_does_not_know_are_named_as_gaps_and_known_ones_are_not()
    {
        var owner = "Ban Quản lý dự án " + Guid.NewGuid().ToString("N")[..8];
        var (_, gaps) = await GapsOfAsync(Report("Cổng A " + owner, owner, "Nhà mạng Không Rõ"));

        Assert.Equal(["owner", "isp"], gaps.Select(g => g.GetProperty("target").GetString()));
        Assert.All(gaps, g => Assert.Equal(JsonValueKind.Null, g.GetProperty("unit").ValueKind));
        Assert.Equal([owner, "Nhà mạng Không Rõ"], gaps.Select(g => g.GetProperty("name").GetString()));
        Assert.Equal(["owner-of-the-system", "isp-availability-intrusion"], gaps.Select(g => g.GetProperty("ruleId").GetString()));
        Assert.All(gaps, g => Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("ruleNameVi").GetString())));
        // The directory in force (its version changes as the committee publishes new ones).
        Assert.Single(gaps.Select(g => g.GetProperty("directoryVersion").GetString()).Distinct());
        Assert.All(gaps, g => Assert.False(string.IsNullOrWhiteSpace(g.GetProperty("directoryVersion").GetString())));

        // An alias of a unit and an ISP of the routing file resolve: no gap, and the units are engaged.
        var (known, none) = await GapsOfAsync(Report("Cổng B " + Guid.NewGuid().ToString("N")[..8], "VP UBND tỉnh", "VNPT"));
        Assert.Empty(none);
        var engaged = await Api.WaitUntilNotifiedAsync(known, units: 2);
        Assert.Contains(engaged.EnumerateArray(), e => e.GetProperty("unit").GetString() == "vnpt-bn");
        Assert.Contains(engaged.EnumerateArray(), e => e.GetProperty("unit").GetString() == "vp-ubnd-bn");

        // No owner named: the owner rule engages nobody, and says so (the ISP is not asked for when none is named).
        var (_, unnamed) = await GapsOfAsync(Report("Cổng C " + Guid.NewGuid().ToString("N")[..8], null, null));
        var gap = Assert.Single(unnamed);
        Assert.Equal(("owner", JsonValueKind.Null), (gap.GetProperty("target").GetString(), gap.GetProperty("name").ValueKind));
    }

    [Fact]
    public async Task Routing_gaps_are_for_staff_and_an_unknown_incident_is_not_found()
    {
        var (incident, _) = await GapsOfAsync(Report("Cổng D " + Guid.NewGuid().ToString("N")[..8], "Đơn vị lạ", null));
        using var responderKey = await Api.PostJsonAsync("/api/v1/api-keys", new { name = "responder " + Guid.NewGuid().ToString("N")[..8], role = "responder", unit = "vnpt-bn" });
        var responder = Api.WithKey((await ApiClient.ReadJsonAsync(responderKey)).GetProperty("key").GetString());

        using var refused = await responder.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{incident}/routing-gaps");
        using var anonymous = await Api.WithKey(null).SendAsync(HttpMethod.Get, $"/api/v1/incidents/{incident}/routing-gaps");
        using var unknown = await Api.SendAsync(HttpMethod.Get, $"/api/v1/incidents/{Guid.NewGuid()}/routing-gaps");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }
}

public sealed class RoutingGapOnEmbeddedDefault(EmbeddedHostFixture fixture) : RoutingGapBehaviour(fixture), IClassFixture<EmbeddedHostFixture>;

public sealed class RoutingGapOnRabbitMqAndPostgres(DistributedHostFixture fixture) : RoutingGapBehaviour(fixture), IClassFixture<DistributedHostFixture>;
