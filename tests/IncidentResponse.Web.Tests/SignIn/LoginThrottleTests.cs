using System.Net;
using IncidentResponse.Access.People;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>Sign-in resists guessing without letting outsiders lock people out (review M4d, scenario T9a).</summary>
public sealed class LoginThrottleTests(SignInHost host) : IClassFixture<SignInHost>
{
    private const string Refused = "Thông tin đăng nhập không đúng";

    [Fact]
    public async Task Many_sign_in_posts_from_one_address_get_429_with_Retry_After_even_without_an_anti_forgery_token()
    {
        using var browser = host.BrowserFrom("203.0.113.10");
        var answers = new List<Page>();
        for (var i = 0; i < 30; i++)
        {
            answers.Add(await browser.PostAsync("/login", [new("Input.Email", "nobody"), new("Input.Password", "wrongwrongwrong")], withToken: false));
        }

        using var other = host.BrowserFrom("203.0.113.11");
        var elsewhere = await other.PostAsync("/login", [new("Input.Email", "nobody"), new("Input.Password", "wrongwrongwrong")], withToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, answers[0].Status);
        var limited = answers.FirstOrDefault(a => a.Status == HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited);
        Assert.True(int.Parse(limited.Headers["Retry-After"], System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Contains("Vui lòng chờ", limited.Html, StringComparison.Ordinal);
        Assert.Contains("Please wait", limited.Html, StringComparison.Ordinal);
        Assert.True(limited.Html.IndexOf("Vui lòng chờ", StringComparison.Ordinal) < limited.Html.IndexOf("Please wait", StringComparison.Ordinal), "Vietnamese first");
        Assert.Equal(HttpStatusCode.BadRequest, elsewhere.Status);
    }

    [Fact]
    public async Task The_admin_stays_usable_from_another_address_after_many_failures_from_one()
    {
        using var attacker = host.BrowserFrom("198.51.100.66");
        for (var i = 0; i < PasswordRules.MaxFailedAttempts + 1; i++)
        {
            var wrong = await attacker.LoginAsync(SignInHost.AdminEmail, "wrongwrongwrong");
            Assert.Equal(HttpStatusCode.OK, wrong.Status);
        }

        var rightFromAttacker = await attacker.LoginAsync(SignInHost.AdminEmail, SignInHost.AdminPassword);
        using var coordinator = host.BrowserFrom("192.0.2.20");
        var rightElsewhere = await coordinator.LoginAsync(SignInHost.AdminEmail, SignInHost.AdminPassword);

        Assert.Equal(HttpStatusCode.OK, rightFromAttacker.Status);
        Assert.Contains(Refused, rightFromAttacker.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(attacker.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
        Assert.Equal(HttpStatusCode.Redirect, rightElsewhere.Status);
        Assert.Contains(coordinator.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
    }

    [Fact]
    public async Task Unknown_login_wrong_password_locked_and_disabled_accounts_get_the_same_answer()
    {
        var (lockedId, lockedEmail, lockedPassword) = await host.CreateUserAsync("operator");
        var (disabledId, disabledEmail, disabledPassword) = await host.CreateUserAsync("viewer");
        var (_, email, _) = await host.CreateUserAsync("operator");
        using (await host.Api.PostJsonAsync($"/api/v1/users/{lockedId}/lock", new { }))
        using (await host.Api.PostJsonAsync($"/api/v1/users/{disabledId}/disable", new { }))
        {
        }

        using var browser = host.BrowserFrom("192.0.2.30");
        var unknown = await browser.LoginAsync("khong-co-ai@example.invalid", "wrongwrongwrong");
        var wrong = await browser.LoginAsync(email, "wrongwrongwrong");
        var locked = await browser.LoginAsync(lockedEmail, lockedPassword);
        var disabled = await browser.LoginAsync(disabledEmail, disabledPassword);

        var pages = new[] { unknown, wrong, locked, disabled };
        Assert.All(pages, p => Assert.Equal(HttpStatusCode.OK, p.Status));
        var messages = pages.Select(p => System.Text.RegularExpressions.Regex.Match(p.Html, "<p class=\"alert\" role=\"alert\">([^<]*)</p>").Groups[1].Value).ToList();
        Assert.Contains(Refused, messages[0], StringComparison.Ordinal);
        Assert.All(messages, m => Assert.Equal(messages[0], m));
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
    }
}
