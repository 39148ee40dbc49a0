using System.Net;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>With <c>Access:SignIn:RequireTwoFactorForCoordinators</c> on, a coordinator enrols before using the console.</summary>
public sealed class RequiredTwoFactorTests(TwoFactorRequiredHost host) : IClassFixture<TwoFactorRequiredHost>
{
    [Fact]
    public async Task A_coordinator_without_an_authenticator_is_sent_to_enrolment_and_kept_there_until_enrolled()
    {
        using var browser = host.BrowserFrom("192.0.2.70");

        var login = await browser.LoginAsync(SignInHost.AdminEmail, SignInHost.AdminPassword);
        var board = await browser.GetAsync("/");
        var admin = await browser.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.Redirect, login.Status);
        Assert.StartsWith("/account/two-factor", login.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, board.Status);
        Assert.StartsWith("/account/two-factor", board.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, admin.Status);
        Assert.StartsWith("/account/two-factor", admin.Location!.OriginalString, StringComparison.Ordinal);
        var setup = await browser.GetAsync("/account/two-factor");
        Assert.Contains("Điều phối viên phải dùng xác thực hai bước", setup.Html, StringComparison.Ordinal);

        host.NextStep();
        await host.EnrolAsync(browser);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/users")).Status);
    }

    [Fact]
    public async Task An_operator_is_not_forced_to_enrol()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var browser = host.BrowserFrom("192.0.2.71");

        var login = await browser.LoginAsync(email, password);

        Assert.Equal("/", login.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
    }
}
