using System.Net;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests;

[CollectionDefinition(nameof(StandardOutput), DisableParallelization = true)]
public sealed class StandardOutput;

/// <summary>The first administrator without configured credentials: a generated password, printed once.</summary>
[Collection(nameof(StandardOutput))]
public sealed partial class BootstrapTests
{
    [Fact]
    public async Task Without_a_configured_password_one_is_generated_printed_once_and_works()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string> { ["Bootstrap:ApiKey"] = "bootstrap-tests-key-0123456789abcdef" };
        var printed = await CapturingStandardOutputAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
        });
        var match = Printed().Match(printed);
        Assert.True(match.Success, "no generated password printed");
        Assert.Equal("admin", match.Groups[1].Value);
        var password = match.Groups[2].Value;
        Assert.True(password.Length >= 12);

        var again = await CapturingStandardOutputAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
            using var browser = new ConsoleBrowser(host.BaseAddress);
            var login = await browser.LoginAsync("admin", password);
            Assert.Equal(HttpStatusCode.Redirect, login.Status);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        });
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_configured_password_that_breaks_the_rules_keeps_the_Host_from_being_ready()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = "bootstrap-tests-key-0123456789abcdef",
            ["Bootstrap:AdminPassword"] = "short",
        }, waitUntilReady: false);

        var text = await Eventually.MatchesAsync(
            async () =>
            {
                using var ready = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                return (ready.StatusCode, Body: await ready.Content.ReadAsStringAsync());
            },
            r => r.Body.Contains("AdminBootstrapper", StringComparison.Ordinal), what: "ready to name the refused bootstrap password");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, text.StatusCode);
        Assert.Contains("password rules", text.Body, StringComparison.Ordinal);
    }

    private static async Task<string> CapturingStandardOutputAsync(Func<Task> action)
    {
        var original = global::System.Console.Out;
        await using var capture = new StringWriter();
        global::System.Console.SetOut(TextWriter.Synchronized(capture));
        try
        {
            await action();
        }
        finally
        {
            global::System.Console.SetOut(original);
        }

        return capture.ToString();
    }

    [GeneratedRegex(@"đăng nhập / login: (\S+)\s+mật khẩu / password: (\S+)")]
    private static partial Regex Printed();
}
