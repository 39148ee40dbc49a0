using System.Net;
using System.Text.RegularExpressions;

namespace IncidentResponse.Web.Tests;

[CollectionDefinition(nameof(StandardOutput), DisableParallelization = true)]
public sealed class StandardOutput;

/// <summary>The first administrator and API key without configured credentials: generated into files only the Host's user reads, never printed.</summary>
[Collection(nameof(StandardOutput))]
public sealed partial class BootstrapTests
{
    [Fact]
    public async Task Without_a_configured_password_one_is_generated_into_a_private_file_never_printed_and_works()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string> { ["Bootstrap:ApiKey"] = "bootstrap-tests-key-0123456789abcdef" };
        var printed = await CapturingStandardOutputAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
        });
        var file = Path.Combine(data.Path, "bootstrap-admin.txt");
        var match = Written().Match(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.True(match.Success, "no generated password written");
        Assert.Equal("admin", match.Groups[1].Value);
        var password = match.Groups[2].Value;
        Assert.True(password.Length >= 12);
        Assert.Contains(file, printed, StringComparison.Ordinal); // standard output says where, not what
        Assert.DoesNotContain(password, printed, StringComparison.Ordinal);
        AssertOwnerOnly(file, data.Path);
        Assert.Empty(Directory.GetFiles(data.Path, ".bootstrap-*"));

        var again = await CapturingStandardOutputAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
            using var browser = new ConsoleBrowser(host.BaseAddress);
            var login = await browser.LoginAsync("admin", password);
            Assert.Equal(HttpStatusCode.Redirect, login.Status);

            // The generated password was read from a file: the first sign-in must replace it before anything else.
            Assert.Equal("/account/password?ReturnUrl=%2F", (await browser.GetAsync("/")).Location?.OriginalString);
            await browser.GetAsync("/account/password");
            var changed = await browser.PostAsync("/account/password",
                [new("Input.CurrentPassword", password), new("Input.NewPassword", "mat-khau-rieng-cua-quan-tri"), new("Input.Confirm", "mat-khau-rieng-cua-quan-tri")]);
            Assert.Equal(HttpStatusCode.Redirect, changed.Status);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).Status);
        });
        Assert.DoesNotContain(password, again, StringComparison.Ordinal);
        Assert.DoesNotContain("bootstrap-admin.txt", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_configured_key_one_is_generated_into_a_private_file_never_printed_and_opens_the_api()
    {
        using var data = new TempDirectory();
        var settings = new Dictionary<string, string> { ["Bootstrap:AdminPassword"] = "bootstrap-tests-password-0123" };
        string key = "";
        var printed = await CapturingStandardOutputAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
            key = (await File.ReadAllTextAsync(Path.Combine(data.Path, "bootstrap-api-key.txt"), TestContext.Current.CancellationToken)).Trim();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/api-keys", UriKind.Relative));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
            using var answer = await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        });
        Assert.StartsWith("ir_", key, StringComparison.Ordinal);
        Assert.DoesNotContain(key, printed, StringComparison.Ordinal);
        Assert.Contains("bootstrap-api-key.txt", printed, StringComparison.Ordinal);
        AssertOwnerOnly(Path.Combine(data.Path, "bootstrap-api-key.txt"), data.Path);
        Assert.False(File.Exists(Path.Combine(data.Path, "bootstrap-admin.txt")), "a configured password is not written anywhere");
    }

    [Fact]
    public async Task The_bootstrap_key_opens_the_api_until_its_lifetime_ends_and_the_keys_it_issued_go_on()
    {
        using var data = new TempDirectory();
        const string key = "bootstrap-tests-expiring-key-0123456789";
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = key,
            ["Bootstrap:AdminPassword"] = "bootstrap-tests-password-0123",
            ["Bootstrap:ApiKeyLifetime"] = "00:00:08",
        });

        using var listed = await SendAsync(host, HttpMethod.Get, "/api/v1/api-keys", key);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        using (var keys = System.Text.Json.JsonDocument.Parse(await listed.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)))
        {
            var bootstrap = Assert.Single(keys.RootElement.EnumerateArray());
            var lifetime = bootstrap.GetProperty("expiresAt").GetDateTimeOffset() - bootstrap.GetProperty("createdAt").GetDateTimeOffset();
            Assert.Equal(TimeSpan.FromSeconds(8), lifetime);
        }

        using var past = await SendAsync(host, HttpMethod.Post, "/api/v1/api-keys", key,
            """{"name":"báo cáo tự động","role":"operator","expiresAt":"2020-01-01T00:00:00+07:00"}""");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("expiresAt", await past.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using var issued = await SendAsync(host, HttpMethod.Post, "/api/v1/api-keys", key, """{"name":"báo cáo tự động","role":"operator"}""");
        Assert.Equal(HttpStatusCode.Created, issued.StatusCode);
        using var own = System.Text.Json.JsonDocument.Parse(await issued.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var operatorKey = own.RootElement.GetProperty("key").GetString()!;

        // Second-scale: the bootstrap key stops opening anything; the key it issued does not.
        await Eventually.MatchesAsync(
            async () =>
            {
                using var answer = await SendAsync(host, HttpMethod.Get, "/api/v1/incidents", key);
                return answer.StatusCode;
            },
            status => status == HttpStatusCode.Unauthorized, TimeSpan.FromSeconds(30), "the bootstrap key to expire");
        using var still = await SendAsync(host, HttpMethod.Get, "/api/v1/incidents", operatorKey);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Theory]
    [InlineData("short-key-0123456789")]
    [InlineData("abababababababababababababababab")]
    public async Task A_configured_bootstrap_key_too_short_or_of_too_few_characters_keeps_the_Host_from_starting(string weak)
    {
        using var data = new TempDirectory();
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
            {
                ["Bootstrap:ApiKey"] = weak,
                ["Bootstrap:AdminPassword"] = "bootstrap-tests-password-0123",
            }, waitUntilReady: false);
        });

        // Refused as the Host starts, before anything is set up (it used to start and never become ready).
        var refused = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure);
        Assert.Contains("Bootstrap:ApiKey must have at least 24 characters, at least 10 of them different", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak, refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "access.db")), "nothing was set up before the refusal");
    }

    [Fact]
    public async Task A_negative_bootstrap_key_lifetime_keeps_the_Host_from_starting()
    {
        using var data = new TempDirectory();
        var failure = await Record.ExceptionAsync(async () =>
        {
            await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
            {
                ["Bootstrap:ApiKey"] = "bootstrap-tests-key-0123456789abcdef",
                ["Bootstrap:AdminPassword"] = "bootstrap-tests-password-0123",
                ["Bootstrap:ApiKeyLifetime"] = "-1.00:00:00",
            }, waitUntilReady: false);
        });

        var refused = Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(failure);
        Assert.Contains("Bootstrap:ApiKeyLifetime must not be negative", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data.Path, "access.db")), "nothing was set up before the refusal");
    }

    private static async Task<HttpResponseMessage> SendAsync(TestHost host, HttpMethod method, string path, string key, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);
        if (json is not null)
        {
            request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        }

        return await host.Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static void AssertOwnerOnly(string file, string dataDirectory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var databases = Directory.GetFiles(dataDirectory, "*.db*");
        Assert.Contains(databases, d => d.EndsWith("access.db", StringComparison.Ordinal));
        Assert.Contains(databases, d => d.EndsWith("escalation-timers.db", StringComparison.Ordinal));
        foreach (var database in databases)
        {
            var others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            Assert.True((File.GetUnixFileMode(database) & others) == UnixFileMode.None, $"{database} is readable by others: {File.GetUnixFileMode(database)}");
        }
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
    private static partial Regex Written();
}
