using System.Net;
using IncidentResponse.Access.People;

namespace IncidentResponse.Web.Tests;

/// <summary>Logins, the login page, security headers and anti-forgery, through the real pipeline.</summary>
public sealed class LoginTests(ConsoleHostFixture host) : IClassFixture<ConsoleHostFixture>
{
    [Fact]
    public async Task An_anonymous_page_request_goes_to_the_login_page_and_an_anonymous_API_call_is_a_401_problem()
    {
        using var browser = host.Browser();

        var board = await browser.GetAsync("/admin/users?x=1");
        using var api = await host.Host.Http.GetAsync(new Uri("/api/v1/incidents", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, board.Status);
        Assert.Equal("/login", board.Location!.AbsolutePath);
        Assert.Contains("ReturnUrl=%2Fadmin%2Fusers%3Fx%3D1", board.Location.Query, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_login_page_is_Vietnamese_by_default_and_sends_the_security_headers()
    {
        using var browser = host.Browser();

        var login = await browser.GetAsync("/login");

        Assert.Equal(HttpStatusCode.OK, login.Status);
        Assert.Contains("<html lang=\"vi\">", login.Html, StringComparison.Ordinal);
        Assert.Contains("Mật khẩu", login.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Email\"", login.Html, StringComparison.Ordinal);
        var csp = login.Headers["Content-Security-Policy"];
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", login.Headers["X-Content-Type-Options"]);
        Assert.Equal("DENY", login.Headers["X-Frame-Options"]);
        Assert.Equal("no-referrer", login.Headers["Referrer-Policy"]);
        Assert.Contains("camera=()", login.Headers["Permissions-Policy"], StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", login.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", login.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task English_is_chosen_with_the_language_switch()
    {
        using var browser = host.Browser();
        await browser.GetAsync("/login");

        var switched = await browser.PostAsync("/lang", [new("To", "en"), new("ReturnUrl", "/login")]);
        var login = await browser.GetAsync("/login");

        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        Assert.Contains("<html lang=\"en\">", login.Html, StringComparison.Ordinal);
        Assert.Contains("Password", login.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_stylesheet_script_and_icon_are_served_without_signing_in()
    {
        using var browser = host.Browser();
        var login = await browser.GetAsync("/login");
        var css = System.Text.RegularExpressions.Regex.Match(login.Html, "href=\"(/console/console.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        var style = await browser.GetAsync(css);
        var script = await browser.GetAsync("/console/console.js");

        Assert.Equal(HttpStatusCode.OK, style.Status);
        Assert.StartsWith("text/css", style.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Contains("--sev-6", style.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/console/other.js")).Status);

        var icon = System.Text.RegularExpressions.Regex.Match(login.Html, "rel=\"icon\" href=\"(/console/icon.svg\\?v=[0-9a-f]+)\"").Groups[1].Value;
        var favicon = await browser.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.MovedPermanently, favicon.Status);
        Assert.Equal(icon, favicon.Location?.OriginalString);
        var svg = await browser.GetAsync(icon);
        Assert.Equal(HttpStatusCode.OK, svg.Status);
        Assert.Equal("image/svg+xml", svg.Headers["Content-Type"]);
        Assert.Contains("<svg", svg.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_an_anti_forgery_token_is_refused()
    {
        using var browser = host.Browser();
        await browser.GetAsync("/login");

        var login = await browser.PostAsync("/login", [new("Input.Email", ConsoleHostFixture.AdminEmail), new("Input.Password", ConsoleHostFixture.AdminPassword)], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, login.Status);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);

        // Signed in, an administration form without its token changes nothing either.
        using var admin = await host.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var (id, _, _) = await host.CreateUserAsync("operator");
        await admin.GetAsync("/admin/users");
        var lockIt = await admin.PostAsync($"/admin/users?handler=Lock&id={id}", [], withToken: false);
        var user = await host.Api.GetJsonAsync($"/api/v1/users/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, lockIt.Status);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, user.GetProperty("lockedUntil").ValueKind);
    }

    [Fact]
    public async Task The_configured_bootstrap_administrator_signs_in_sees_the_board_and_signs_out()
    {
        using var browser = host.Browser();

        var login = await browser.LoginAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        var board = await browser.GetAsync("/");
        var logout = await browser.PostAsync("/logout", []);
        var after = await browser.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        Assert.Equal("/", login.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, board.Status);
        Assert.Contains("Bảng điều khiển", board.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin\"", board.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, logout.Status);
        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Contains(await host.AuditAsync(), e => e.GetProperty("action").GetString() == "user.bootstrapped");
    }

    [Fact]
    public async Task A_wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var browser = host.Browser();

        var wrong = await browser.LoginAsync(email, "not-the-password-at-all");
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.Contains("không đúng", wrong.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);

        for (var i = 1; i < PasswordRules.MaxFailedAttempts; i++)
        {
            await browser.LoginAsync(email, "not-the-password-at-all");
        }

        var right = await browser.LoginAsync(email, password); // the login is closed to this address; the answer is the same as for a wrong password
        Assert.Equal(HttpStatusCode.OK, right.Status);
        Assert.Contains("không đúng", right.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
    }

    [Fact]
    public async Task A_local_return_address_is_followed_and_a_foreign_one_is_not()
    {
        using var browser = host.Browser();
        await browser.GetAsync("/login?ReturnUrl=%2Foncall");
        var local = await browser.PostAsync("/login?ReturnUrl=%2Foncall",
            [new("Input.Email", ConsoleHostFixture.AdminEmail), new("Input.Password", ConsoleHostFixture.AdminPassword)]);
        using var other = host.Browser();
        await other.GetAsync("/login");
        var foreign = await other.PostAsync("/login?ReturnUrl=https%3A%2F%2Fevil.example",
            [new("Input.Email", ConsoleHostFixture.AdminEmail), new("Input.Password", ConsoleHostFixture.AdminPassword)]);

        Assert.Equal("/oncall", local.Location!.OriginalString);
        Assert.Equal("/", foreign.Location!.OriginalString);
    }
}
