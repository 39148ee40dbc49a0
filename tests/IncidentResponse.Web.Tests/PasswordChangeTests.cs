using System.Net;
using System.Text.Json;

namespace IncidentResponse.Web.Tests;

/// <summary>
/// A password someone else chose (a coordinator, or the generated first administrator) is the person's to replace at the
/// first sign-in; anyone signed in can change their own at <c>/account/password</c>.
/// </summary>
public sealed class PasswordChangeTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    private const string Chosen = "cum-tu-rat-dai-cua-rieng-toi";

    private async Task<(Guid Id, string Email, string Password)> GeneratedAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.invalid";
        using var created = await host.Api.PostJsonAsync("/api/v1/users", new { email, displayName = "Người mới", role });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.True(body.GetProperty("user").GetProperty("mustChangePassword").GetBoolean());
        return (body.GetProperty("user").GetProperty("id").GetGuid(), email, body.GetProperty("password").GetString()!);
    }

    private static Task<Page> ChangeAsync(ConsoleBrowser browser, string current, string next, string? confirm = null) =>
        browser.PostAsync("/account/password?ReturnUrl=%2Fregister", [new("Input.CurrentPassword", current), new("Input.NewPassword", next), new("Input.Confirm", confirm ?? next)]);

    [Fact]
    public async Task A_generated_password_keeps_the_person_on_the_password_page_until_they_choose_their_own()
    {
        var (id, email, password) = await GeneratedAsync("operator");
        using var person = host.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await person.LoginAsync(email, password)).Status);

        var board = await person.GetAsync("/register");
        Assert.Equal(HttpStatusCode.Redirect, board.Status);
        Assert.Equal("/account/password?ReturnUrl=%2Fregister", board.Location?.OriginalString);
        var form = await person.GetAsync("/account/password");
        Assert.Contains("Mật khẩu này do người khác đặt cho bạn", form.Html, StringComparison.Ordinal);

        // Wrong current password, too short, two that differ, the same again: refused, each at its field, nothing changed.
        Assert.Contains("Mật khẩu hiện tại không đúng", (await ChangeAsync(person, "khong-phai-mat-khau", Chosen)).Html, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", (await ChangeAsync(person, password, "ngan")).Html, StringComparison.Ordinal);
        Assert.Contains("Hai lần nhập mật khẩu mới không khớp", (await ChangeAsync(person, password, Chosen, Chosen + "x")).Html, StringComparison.Ordinal);
        Assert.Contains("phải khác mật khẩu hiện tại", (await ChangeAsync(person, password, password)).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await person.GetAsync("/register")).Status);

        var changed = await ChangeAsync(person, password, Chosen);
        Assert.Equal(HttpStatusCode.Redirect, changed.Status);
        Assert.Equal("/register", changed.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/register")).Status); // this session goes on, with no more "must change"

        using var again = host.Browser();
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync(email, password)).Status); // the old password no longer signs in
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(email, Chosen)).Status);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/register")).Status);
        Assert.False((await host.Api.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("mustChangePassword").GetBoolean());
        var audit = (await host.AuditAsync()).Where(e => e.GetProperty("subject").GetString() == $"user:{id:N}").ToList();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == "user.password-changed");
        Assert.Equal($"user:{id:N}", entry.GetProperty("actorId").GetString());
    }

    [Fact]
    public async Task A_coordinator_reset_must_be_replaced_but_ones_own_reset_and_an_explicit_no_need_not()
    {
        var (id, email, _) = await host.CreateUserAsync("viewer"); // created with mustChangePassword: false
        Assert.False((await host.Api.GetJsonAsync($"/api/v1/users/{id}")).GetProperty("mustChangePassword").GetBoolean());

        using (var reset = await host.Api.PostJsonAsync($"/api/v1/users/{id}/password", new { password = "mat-khau-tam-thoi-2026" }))
        {
            Assert.True(JsonDocument.Parse(await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("user").GetProperty("mustChangePassword").GetBoolean());
        }

        using var person = host.Browser();
        await person.LoginAsync(email, "mat-khau-tam-thoi-2026");
        Assert.Equal(HttpStatusCode.Redirect, (await person.GetAsync("/")).Status);

        using (var reset = await host.Api.PostJsonAsync($"/api/v1/users/{id}/password", new { password = "mat-khau-tam-thoi-2027", mustChangePassword = false }))
        {
            Assert.False(JsonDocument.Parse(await reset.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("user").GetProperty("mustChangePassword").GetBoolean());
        }

        using var later = host.Browser();
        await later.LoginAsync(email, "mat-khau-tam-thoi-2027");
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/")).Status);

        // Anyone may change their own password, forced or not.
        await later.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeAsync(later, "mat-khau-tam-thoi-2027", Chosen)).Status);
        using var check = host.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await check.LoginAsync(email, Chosen)).Status);
    }
}
