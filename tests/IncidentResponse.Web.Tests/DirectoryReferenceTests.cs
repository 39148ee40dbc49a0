using System.Net;
using System.Security.Claims;
using System.Text.Json;
using IncidentResponse.Access.People;
using IncidentResponse.Host;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Web.Tests;

/// <summary>
/// A responder's unit and an account's directory person must be in the partner directory and in use (review L9: a typo gave
/// a key that saw nothing); the console offers the directory's codes; a Host that cannot ask the directory refuses, not guesses.
/// </summary>
public sealed class DirectoryReferenceTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task A_responder_key_for_a_unit_the_directory_does_not_hold_is_refused_naming_the_unit()
    {
        using var typo = await host.Api.PostJsonAsync("/api/v1/api-keys", new { name = "khóa gõ nhầm", role = "responder", unit = "vnpt-bm" });
        using var right = await host.Api.PostJsonAsync("/api/v1/api-keys", new { name = "khóa đúng", role = "responder", unit = "vnpt-bn" });

        Assert.Equal(HttpStatusCode.BadRequest, typo.StatusCode);
        Assert.Equal("application/problem+json", typo.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Danh bạ không có đơn vị mã «vnpt-bm»", await ErrorOfAsync(typo, "unit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.DoesNotContain((await host.Api.GetJsonAsync("/api/v1/api-keys")).EnumerateArray(), k => k.GetProperty("name").GetString() == "khóa gõ nhầm");
    }

    [Fact]
    public async Task An_account_names_a_person_of_the_directory_and_of_its_own_unit()
    {
        using var unknown = await CreateAsync("responder", "vnpt-bn", "vnpt-pham-minh-duk");
        using var otherUnit = await CreateAsync("responder", "vnpt-bn", "viettel-hoang-thu-ha");
        using var right = await CreateAsync("responder", "vnpt-bn", "vnpt-pham-minh-duc");
        using var staff = await CreateAsync("operator", null, "bcd-tran-thi-binh");

        Assert.Contains("Danh bạ không có người mã «vnpt-pham-minh-duk»", await ErrorOfAsync(unknown, "personId"), StringComparison.Ordinal);
        Assert.Contains("thuộc đơn vị viettel-bn, không phải vnpt-bn", await ErrorOfAsync(otherUnit, "personId"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, right.StatusCode);
        Assert.Equal(HttpStatusCode.Created, staff.StatusCode);
    }

    [Fact]
    public async Task Changing_an_account_checks_a_new_unit_and_keeps_the_account_as_it_was_when_refused()
    {
        var (id, _, _) = await host.CreateUserAsync("responder", "vnpt-bn", "vnpt-pham-minh-duc");

        using var typo = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Đổi đơn vị", role = "responder", unit = "viettel-bm", personId = "vnpt-pham-minh-duc" });
        using var personLeft = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Đổi đơn vị", role = "responder", unit = "viettel-bn", personId = "vnpt-pham-minh-duc" });
        var kept = await host.Api.GetJsonAsync($"/api/v1/users/{id}");
        using var moved = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Đổi đơn vị", role = "responder", unit = "viettel-bn", personId = "viettel-hoang-thu-ha" });

        Assert.Contains("«viettel-bm»", await ErrorOfAsync(typo, "unit"), StringComparison.Ordinal);
        Assert.Contains("thuộc đơn vị vnpt-bn, không phải viettel-bn", await ErrorOfAsync(personLeft, "personId"), StringComparison.Ordinal);
        Assert.Equal("vnpt-bn", kept.GetProperty("unit").GetString());
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal("viettel-bn", (await host.Api.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("unit").GetString());
    }

    [Fact]
    public async Task A_unit_retired_since_keeps_its_accounts_editable_and_demotable_but_takes_no_new_key()
    {
        var code = "ngung-" + Guid.NewGuid().ToString("N")[..8];
        await DirectoryByHand.SetUnitAsync(host.Host.Services, code, TestContext.Current.CancellationToken);
        var (id, _, _) = await host.CreateUserAsync("responder", code);
        await DirectoryByHand.SetUnitAsync(host.Host.Services, code, TestContext.Current.CancellationToken, active: false);

        using var renamed = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Đổi tên", role = "responder", unit = code });
        using var key = await host.Api.PostJsonAsync("/api/v1/api-keys", new { name = "khóa đơn vị đã ngừng", role = "responder", unit = code });
        using var demoted = await host.Api.SendJsonAsync(HttpMethod.Put, $"/api/v1/users/{id}", new { displayName = "Đổi tên", role = "viewer" });

        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);
        Assert.Contains("đã ngừng hoạt động trong danh bạ", await ErrorOfAsync(key, "unit"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, demoted.StatusCode);
        var user = await host.Api.GetJsonAsync($"/api/v1/users/{id}");
        Assert.Equal("viewer", user.GetProperty("role").GetString());
        Assert.Equal(JsonValueKind.Null, user.GetProperty("unit").ValueKind);
    }

    [Fact]
    public async Task The_users_page_offers_the_directory_s_units_and_people_and_says_what_a_typo_is()
    {
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var page = await admin.GetAsync("/admin/users");

        var refused = await admin.PostAsync("/admin/users?handler=Create",
            [new("NewUser.Email", $"go-nham-{Guid.NewGuid():N}@example.invalid"), new("NewUser.DisplayName", "Gõ nhầm"), new("NewUser.Role", "responder"), new("NewUser.Unit", "pa05-bm")]);

        Assert.Contains("<datalist id=\"directory-units\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"pa05-bn\">", page.Html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"vnpt-pham-minh-duc\">", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("Danh bạ không có đơn vị mã «pa05-bm»", System.Net.WebUtility.HtmlDecode(refused.Html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Host_without_the_directory_refuses_a_responder_account_rather_than_guess()
    {
        using var data = new TempDirectory();
        await using var app = IncidentResponseHost.Build(["--Roles=web", "--Database:DataDirectory=" + data.Path]);
        using var scope = app.Services.CreateScope();
        var changes = scope.ServiceProvider.GetRequiredService<AccountChanges>();
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "test")], "test"));

        var responder = await changes.CreateAsync(
            new UserEndpoints.CreateUser("x@example.invalid", null, "Không kiểm được", "responder", "vnpt-bn"), actor, TestContext.Current.CancellationToken);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsAssignableFrom<IStatusCodeHttpResult>(responder).StatusCode);
    }

    private Task<HttpResponseMessage> CreateAsync(string role, string? unit, string? personId) => host.Api.PostJsonAsync("/api/v1/users",
        new { email = $"{role}-{Guid.NewGuid():N}@example.invalid", displayName = "Người thử", role, unit, personId, mustChangePassword = false });

    private static async Task<string> ErrorOfAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return string.Join(" | ", problem.RootElement.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }
}
