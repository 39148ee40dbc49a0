using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Text.Json;

namespace IncidentResponse.Web.Tests.Pages;

/// <summary>
/// One embedded Host (SQLite, in-memory bus) shared by the page tests, with a person of each role
/// created through the users API: an operator, a viewer, and responders of two units (VNPT and Viettel).
/// </summary>
public sealed class PagesSite : IAsyncLifetime
{
    public const string AdminKey = "pages-test-coordinator-key-0123456789abcdef";
    public const string Password = "mat-khau-thu-nghiem-2026";
    public const string UnitA = "vnpt-bn";
    public const string UnitB = "viettel-bn";

    private readonly TempDirectory data = new();

    public TestHost Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = AdminKey,
            ["Web:Board:Heartbeat"] = "00:00:01",
            ["Access:SignIn:AttemptsPerAddress"] = "1000", // every test signs in from 127.0.0.1
        });
        Api = new ApiClient(Host.Http, AdminKey);
        await CreateUserAsync("dieu-hanh", "operator");
        await CreateUserAsync("quan-sat", "viewer");
        await CreateUserAsync("vnpt-truc", "responder", UnitA);
        await CreateUserAsync("viettel-truc", "responder", UnitB);
    }

    /// <summary>A browser signed in as <paramref name="userName"/> (dieu-hanh, quan-sat, vnpt-truc, viettel-truc).</summary>
    public async Task<ConsoleBrowser> SignInAsync(string userName)
    {
        var browser = new ConsoleBrowser(Host.BaseAddress);
        var answer = await browser.LoginAsync(userName, Password);
        Assert.True(answer.Status is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"login of {userName}: {answer.Status}");
        return browser;
    }

    /// <summary>Files a DDoS report on a system served by <paramref name="isp"/> (so that ISP's unit is engaged) and waits for its incident.</summary>
    public async Task<(Guid IncidentId, string Number)> FileIncidentAsync(string isp = "VNPT", string tlp = "AMBER")
    {
        var system = "Hệ thống " + TestNames.Unique("pages");
        var reportId = await Api.SubmitReportAsync(SampleReports.Ddos(system, isp: isp, tlp: tlp, observable: "198.51.100." + Random.Shared.Next(1, 250)));
        var incident = await Api.IncidentOfReportAsync(reportId);
        return (incident.GetProperty("id").GetGuid(), incident.GetProperty("number").GetString()!);
    }

    /// <summary>The engagements of the incident once routing made them (each with its state).</summary>
    public Task<JsonElement> EngagementsAsync(Guid incidentId, int units = 1) =>
        Eventually.MatchesAsync(() => Api.GetJsonAsync($"/api/v1/incidents/{incidentId}/engagements"), e => e.GetArrayLength() >= units,
            TimeSpan.FromSeconds(30), $"incident {incidentId} engaged");

    public async Task<Guid> EngagementOfAsync(Guid incidentId, string unit)
    {
        var engagements = await EngagementsAsync(incidentId);
        return engagements.EnumerateArray().Single(e => e.GetProperty("unit").GetString() == unit).GetProperty("id").GetGuid();
    }

    /// <summary>An API key of a responder of <paramref name="unit"/>.</summary>
    public async Task<ApiClient> ResponderKeyAsync(string unit)
    {
        using var response = await Api.PostJsonAsync("/api/v1/api-keys", new { name = "responder " + unit, role = "responder", unit });
        var issued = await ApiClient.ReadJsonAsync(response);
        return Api.WithKey(issued.GetProperty("key").GetString());
    }

    /// <summary>A person's account, made with Identity's own user manager as an administrator's tools would.</summary>
    private async Task CreateUserAsync(string userName, string role, string? unit = null)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
        var user = new ConsoleUser
        {
            Id = Guid.NewGuid(), UserName = userName, Email = $"{userName}@example.invalid", EmailConfirmed = true, DisplayName = userName, Unit = unit,
            CreatedAt = TimeProvider.System.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        var inRole = await users.AddToRoleAsync(user, role);
        Assert.True(inRole.Succeeded, string.Join("; ", inRole.Errors.Select(e => e.Description)));
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        data.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PagesGroup : ICollectionFixture<PagesSite>
{
    public const string Name = "console pages";
}
