using System.Net;
using System.Text.RegularExpressions;
using IncidentResponse.Access.People;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>TOTP sign-in: enrolment from one's own page, the second step, single-use codes; and logout ending old cookies.</summary>
public sealed class TwoFactorSignInTests(SignInHost host) : IClassFixture<SignInHost>
{
    [Fact]
    public async Task A_person_enrols_and_then_needs_a_fresh_code_each_time_a_wrong_or_reused_code_is_refused()
    {
        var (id, email, password) = await host.CreateUserAsync("operator");
        using var first = host.BrowserFrom("192.0.2.40");
        Assert.Equal(HttpStatusCode.Redirect, (await first.LoginAsync(email, password)).Status);
        host.NextStep();
        var secret = await host.EnrolAsync(first);
        Assert.Contains(await host.AuditAsync(), e => e.GetProperty("action").GetString() == "user.two-factor-enrolled"
            && e.GetProperty("subject").GetString() == $"user:{id:N}");

        // The password alone no longer opens the console: a second step follows.
        using var second = host.BrowserFrom("192.0.2.40");
        var afterPassword = await second.LoginAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, afterPassword.Status);
        Assert.StartsWith("/login/code", afterPassword.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain(second.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).Status);

        // The code used to enrol (same time step) is spent; a code three steps away is wrong.
        await second.GetAsync(afterPassword.Location.OriginalString);
        var reused = await second.PostAsync("/login/code", [new("Code", host.CodeAt(secret, TimeSpan.Zero))]);
        var wrong = await second.PostAsync("/login/code", [new("Code", host.CodeAt(secret, TimeSpan.FromSeconds(-90)))]);
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Contains("Mã không đúng", reused.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrong.Status);
        Assert.DoesNotContain(second.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);

        // The next step's code signs in, once.
        host.NextStep();
        var code = host.CodeAt(secret, TimeSpan.Zero);
        var right = await second.PostAsync("/login/code", [new("Code", code)]);
        Assert.Equal(HttpStatusCode.Redirect, right.Status);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).Status);

        using var third = host.BrowserFrom("192.0.2.41");
        var again = await third.LoginAsync(email, password);
        await third.GetAsync(again.Location!.OriginalString);
        var replay = await third.PostAsync("/login/code", [new("Code", code)]);
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.DoesNotContain(third.Cookies.GetAllCookies(), c => c.Name == ConsoleCookie.Name);
    }

    [Fact]
    public async Task A_code_one_step_old_is_accepted_and_a_recovery_code_works_once()
    {
        var (_, email, password) = await host.CreateUserAsync("viewer");
        using var browser = host.BrowserFrom("192.0.2.50");
        await browser.LoginAsync(email, password);
        host.NextStep();
        var setup = await browser.GetAsync("/account/two-factor");
        var secret = Regex.Match(setup.Html, "id=\"secret\" type=\"text\" readonly value=\"([A-Z2-7]+)\"").Groups[1].Value;
        var confirmed = await browser.PostAsync("/account/two-factor", [new("Code", host.CodeAt(secret, TimeSpan.Zero))]);
        var recovery = Regex.Matches(confirmed.Html, "<li><code>([a-z2-9]{10})</code></li>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(8, recovery.Count);

        host.NextStep();
        host.NextStep();
        using var late = host.BrowserFrom("192.0.2.50");
        var step = await late.LoginAsync(email, password);
        await late.GetAsync(step.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await late.PostAsync("/login/code", [new("Code", host.CodeAt(secret, TimeSpan.FromSeconds(-30)))])).Status);

        using var withRecovery = host.BrowserFrom("192.0.2.51");
        step = await withRecovery.LoginAsync(email, password);
        await withRecovery.GetAsync(step.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await withRecovery.PostAsync("/login/code", [new("Code", recovery[0])])).Status);

        using var replay = host.BrowserFrom("192.0.2.52");
        step = await replay.LoginAsync(email, password);
        await replay.GetAsync(step.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await replay.PostAsync("/login/code", [new("Code", recovery[0])])).Status);
    }

    [Fact]
    public async Task Logging_out_kills_a_copy_of_the_session_cookie()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var browser = host.BrowserFrom("192.0.2.60");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, password)).Status);
        var stolen = browser.Cookies.GetAllCookies().Single(c => c.Name == ConsoleCookie.Name).Value;
        using var thief = host.BrowserFrom("198.51.100.99");
        thief.Cookies.Add(host.Host.BaseAddress, new Cookie(ConsoleCookie.Name, stolen));
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/")).Status);

        await browser.GetAsync("/logout");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/logout", [])).Status);
        host.Clock.Advance(TimeSpan.FromMinutes(2)); // past the security stamp's validation interval
        var after = await thief.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.Status);
        Assert.Equal("/login", after.Location!.AbsolutePath);
    }
}
