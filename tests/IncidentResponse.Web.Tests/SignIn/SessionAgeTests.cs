using System.Net;
using IncidentResponse.Access.People;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>A console session slides while used but ends at <c>Access:SignIn:MaxSessionAge</c> from its sign-in (review M4d).</summary>
public sealed class SessionAgeTests(SignInHost host) : IClassFixture<SignInHost>
{
    [Fact]
    public async Task A_session_used_all_along_still_ends_twelve_hours_after_its_sign_in_and_a_new_sign_in_starts_afresh()
    {
        var (_, email, password) = await host.CreateUserAsync("operator");
        using var browser = host.BrowserFrom("192.0.2.70");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, password)).Status);

        // Used every few hours: the 8-hour sliding window never runs out, and the cookie is renewed on the way.
        foreach (var step in new[] { TimeSpan.FromHours(3), TimeSpan.FromHours(3), TimeSpan.FromHours(3), TimeSpan.FromMinutes(170) })
        {
            host.Clock.Advance(step);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status); // at last 11 h 50 min after the sign-in
        }

        host.Clock.Advance(TimeSpan.FromMinutes(11)); // 12 h 1 min after the sign-in
        var ended = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, ended.Status);
        Assert.Equal(ConsoleCookie.LoginPath, ended.Location!.AbsolutePath);

        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email, password)).Status);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
    }
}
