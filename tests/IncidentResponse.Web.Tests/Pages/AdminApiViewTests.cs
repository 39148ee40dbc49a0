using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.Contracts.Api.Integrations;
using IncidentResponse.Contracts.Api.OnCall;
using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Data;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>
/// <see cref="ApiViewTests"/> for the administration and on-call pages: each answer they read (users, audit log,
/// directory, integrations, parked work, on call and its gaps), as a real Host writes it, is exactly the type the
/// page reads it into, the service's own (Access, ServiceDefaults) or the one in Contracts.
/// </summary>
[Collection(PagesGroup.Name)]
public sealed class AdminApiViewTests(PagesSite site)
{
    [Fact]
    public async Task Every_answer_the_admin_and_on_call_pages_read_is_exactly_the_services_view_type()
    {
        var name = TestNames.Unique("views");
        using var created = await site.Api.PostJsonAsync("/api/v1/users", new { email = $"{name}@example.invalid", displayName = name, role = "viewer" });
        var user = ApiViewTests.Same<UserEndpoints.UserWithPassword>(await ApiClient.ReadJsonAsync(created), "POST /api/v1/users");
        Assert.NotNull(user.Password);
        using var locked = await site.Api.PostJsonAsync($"/api/v1/users/{user.User.Id}/lock", new { });
        ApiViewTests.Same<UserEndpoints.UserView>(await ApiClient.ReadJsonAsync(locked), "POST /api/v1/users/{id}/lock");
        using var reset = await site.Api.PostJsonAsync($"/api/v1/users/{user.User.Id}/password", new { });
        ApiViewTests.Same<UserEndpoints.UserWithPassword>(await ApiClient.ReadJsonAsync(reset), "POST /api/v1/users/{id}/password");
        var users = await ApiViewTests.SameAsync<List<UserEndpoints.UserView>>(site.Api, "/api/v1/users");
        Assert.Contains(users, u => u.Id == user.User.Id);

        using var issued = await site.Api.PostJsonAsync("/api/v1/integrations", new { name, kind = "events-v2" });
        var integration = ApiViewTests.Same<IssuedIntegration>(await ApiClient.ReadJsonAsync(issued), "POST /api/v1/integrations");
        var integrations = await ApiViewTests.SameAsync<List<IntegrationView>>(site.Api, "/api/v1/integrations");
        Assert.Contains(integrations, i => i.Id == integration.Id);

        var audit = await ApiViewTests.SameAsync<PageOf<AuditLog.AuditView>>(site.Api, "/api/v1/audit?page=1&pageSize=50");
        Assert.NotEmpty(audit.Items);

        var units = await ApiViewTests.SameAsync<PageOf<UnitView>>(site.Api, "/api/v1/units");
        Assert.Contains(units.Items, u => u.Code == PagesSite.UnitA && u.DutyChannels.Count > 0);
        Assert.NotEmpty((await ApiViewTests.SameAsync<PageOf<PersonView>>(site.Api, "/api/v1/people")).Items);
        await ApiViewTests.SameAsync<List<GapWarning>>(site.Api, "/api/v1/oncall/gaps");
        foreach (var unit in units.Items.Where(u => u.Active))
        {
            await ApiViewTests.SameAsync<OnCallAnswer>(site.Api, $"/api/v1/oncall?unit={Uri.EscapeDataString(unit.Code)}");
        }

        var parked = await ParkAsync();
        var overview = await ApiViewTests.SameAsync<ParkedOverview>(site.Api, "/api/v1/parked-work");
        Assert.Contains(overview.Items, i => i.Id == parked && i.State == ParkedWorkStates.Parked);
        Assert.Contains(overview.Queues, q => q.State == ParkedWorkStates.Parked);
        using var discarded = await site.Api.PostJsonAsync($"/api/v1/parked-work/{parked}/discard", new { });
        ApiViewTests.Same<ParkedItem>(await ApiClient.ReadJsonAsync(discarded), "POST /api/v1/parked-work/{id}/discard");
    }

    /// <summary>A parked message in the Web service's database (a probe, which no consumer reads once discarded).</summary>
    private async Task<Guid> ParkAsync()
    {
        var now = TimeProvider.System.GetUtcNow();
        var probe = new PipelineProbeRequested(Guid.NewGuid(), now);
        var row = new DeferredMessage
        {
            Id = Guid.NewGuid(),
            MessageId = Guid.NewGuid(),
            Queue = "web-pipeline-probe",
            MessageType = typeof(PipelineProbeRequested).FullName!,
            Body = OutboxSerializer.Serialize(probe),
            Attempts = 9,
            FirstError = "TimeoutException: the database did not answer",
            LastError = "TimeoutException: the database did not answer",
            FirstFailedAt = now.AddHours(-2),
            LastFailedAt = now.AddMinutes(-50),
            State = ParkedWorkStates.Parked,
        };
        await using var scope = site.Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WebDbContext>();
        db.DeferredMessages.Add(row);
        await db.SaveChangesAsync();
        return row.Id;
    }
}
