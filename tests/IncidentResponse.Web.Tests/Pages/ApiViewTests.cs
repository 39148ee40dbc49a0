using System.Text.Json;
using System.Text.Json.Serialization;
using IncidentResponse.Contracts.Api.Escalation;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>
/// The console reads each API answer into the service's own view type from Contracts. Here each answer the
/// pages read, as a real Host writes it, must be exactly that type: no property the type lacks, none it adds,
/// no null where it says there is none. A service answering with another shape fails this test, not a page.
/// </summary>
[Collection(PagesGroup.Name)]
public sealed class ApiViewTests(PagesSite site)
{
    /// <summary>The console's reading options, made strict.</summary>
    internal static readonly JsonSerializerOptions Strict = new(ConsoleApi.Json)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    [Fact]
    public async Task Every_answer_the_console_reads_is_exactly_the_services_view_type()
    {
        var (incidentId, _) = await site.FileIncidentAsync();
        var engagements = await site.EngagementsAsync(incidentId);
        var engagementId = await site.EngagementOfAsync(incidentId, PagesSite.UnitA);

        var detail = await SameAsync<IncidentDetail>(site.Api, $"/api/v1/incidents/{incidentId}");
        await SameAsync<PageOf<IncidentSummary>>(site.Api, "/api/v1/incidents?status=open&page=1&pageSize=5");
        await SameAsync<List<TimelineEntryView>>(site.Api, $"/api/v1/incidents/{incidentId}/timeline");
        await SameAsync<TimelineVerification>(site.Api, $"/api/v1/incidents/{incidentId}/timeline/verify");
        await SameAsync<ReportView>(site.Api, $"/api/v1/reports/{detail.Reports[0].ReportId}");
        var views = await SameAsync<List<EngagementView>>(site.Api, $"/api/v1/incidents/{incidentId}/engagements");
        await SameAsync<List<ClockView>>(site.Api, $"/api/v1/incidents/{incidentId}/deadline-clocks");
        await SameAsync<List<DutyView>>(site.Api, $"/api/v1/incidents/{incidentId}/duties");
        await SameAsync<List<DutyView>>(site.Api, "/api/v1/duties");
        await SameAsync<EngagementDetail>(site.Api, $"/api/v1/engagements/{engagementId}");
        await Eventually.MatchesAsync(() => ReadsAsync(site.Api, $"/api/v1/engagements/{engagementId}/escalation"), read => read,
            TimeSpan.FromSeconds(30), "the engagement's escalation chain");
        await SameAsync<ChainView>(site.Api, $"/api/v1/engagements/{engagementId}/escalation");
        await SameAsync<List<IncidentEngagements>>(site.Api, $"/api/v1/engagements?incident={incidentId}");
        await SameAsync<List<IncidentClocks>>(site.Api, $"/api/v1/deadline-clocks?incident={incidentId}");
        await SameAsync<List<ChainView>>(site.Api, $"/api/v1/escalation/chains?incident={incidentId}");
        if (views.SelectMany(v => v.Deliveries).FirstOrDefault() is { } delivery)
        {
            await SameAsync<DeliveryDetail>(site.Api, $"/api/v1/deliveries/{delivery.Id}");
            await SameAsync<List<DeliveryDetail>>(site.Api, $"/api/v1/deliveries/details?delivery={delivery.Id}");
        }

        var responder = await site.ResponderKeyAsync(PagesSite.UnitA);
        await SameAsync<PageOf<PortalIncident>>(responder, "/api/v1/portal/incidents");
        await SameAsync<PortalIncident>(responder, $"/api/v1/portal/incidents/{incidentId}");
        Assert.Equal(engagements.GetArrayLength(), views.Count);
    }

    private static async Task<bool> ReadsAsync(ApiClient api, string path)
    {
        try
        {
            await api.GetJsonAsync(path);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    internal static async Task<T> SameAsync<T>(ApiClient api, string path) => Same<T>(await api.GetJsonAsync(path), path);

    /// <summary>The answer <paramref name="json"/> (of <paramref name="path"/>) read strictly as a <typeparamref name="T"/>, and written back the same.</summary>
    internal static T Same<T>(JsonElement json, string path)
    {
        T? view;
        try
        {
            view = json.Deserialize<T>(Strict);
        }
        catch (JsonException ex)
        {
            throw new Xunit.Sdk.XunitException($"{path} is not a {typeof(T).Name}: {ex.Message}");
        }

        Assert.NotNull(view);
        var written = JsonSerializer.SerializeToElement(view, ConsoleApi.Json);
        Assert.True(JsonElement.DeepEquals(json, written), $"{path} differs from its {typeof(T).Name}:\n{json}\n{written}");
        return view;
    }
}
