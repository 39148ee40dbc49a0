using System.Net;
using System.Text.RegularExpressions;
using IncidentResponse.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace IncidentResponse.Web.Tests.SignIn;

/// <summary>
/// The real Host for sign-in tests, with two test-only changes: a clock the test moves forward
/// (<see cref="ShiftedClock"/>), and the client address taken from a request header
/// (<see cref="TestClientAddress"/>), so one test can sign in "from" several addresses.
/// </summary>
public class SignInHost : IAsyncLifetime
{
    public const string AdminEmail = "admin@example.invalid";
    public const string AdminPassword = "Quan-tri-vien-2026!";
    public const string ApiKey = "sign-in-tests-bootstrap-key-0123456789";

    private readonly TempDirectory data = new();

    public ShiftedClock Clock { get; } = new();

    public TestHost Host { get; private set; } = null!;

    public ApiClient Api { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public async ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:AdminEmail"] = AdminEmail,
            ["Bootstrap:AdminPassword"] = AdminPassword,
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Access:ApiKeyCacheDuration"] = "00:00:00",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }

        Host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings, customization: new HostCustomization
        {
            ConfigureBuilder = b =>
            {
                b.Services.AddSingleton<TimeProvider>(Clock);
                b.Services.AddTransient<IStartupFilter, TestClientAddress>();
            },
        });
        Api = new ApiClient(Host.Http, ApiKey);
    }

    /// <summary>A browser whose requests come "from" <paramref name="address"/>.</summary>
    public ConsoleBrowser BrowserFrom(string address)
    {
        var browser = new ConsoleBrowser(Host.BaseAddress);
        browser.Http.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return browser;
    }

    public async Task<(Guid Id, string Email, string Password)> CreateUserAsync(string role)
    {
        var email = $"{role}-{Guid.NewGuid():N}@example.invalid";
        var password = "Mat-khau-" + Guid.NewGuid().ToString("N")[..12];
        using var response = await Api.PostJsonAsync("/api/v1/users", new { email, displayName = "Người thử " + role, role, password, mustChangePassword = false });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        var id = System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("user").GetProperty("id").GetGuid();
        return (id, email, password);
    }

    /// <summary>Enrols the signed-in browser's person (the setup page, a code from the secret it shows); the secret.</summary>
    public async Task<string> EnrolAsync(ConsoleBrowser browser)
    {
        var setup = await browser.GetAsync("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, setup.Status);
        var secret = Regex.Match(setup.Html, "id=\"secret\" type=\"text\" readonly value=\"([A-Z2-7]+)\"").Groups[1].Value;
        Assert.Matches("otpauth://totp/[^\"]+secret=" + secret, setup.Html);
        var confirmed = await browser.PostAsync("/account/two-factor", [new("Code", CodeAt(secret, TimeSpan.Zero))]);
        Assert.Equal(HttpStatusCode.OK, confirmed.Status);
        Assert.Contains("mã khôi phục", confirmed.Html, StringComparison.Ordinal);
        return secret;
    }

    /// <summary>The TOTP code of <paramref name="secret"/> at the host's clock plus <paramref name="shift"/>.</summary>
    public string CodeAt(string secret, TimeSpan shift) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp((Clock.GetUtcNow() + shift).UtcDateTime);

    /// <summary>Stops the clock one second into the next 30-second step, so a code computed now stays valid however slow the test runs.</summary>
    public void NextStep()
    {
        var now = Clock.GetUtcNow().ToUnixTimeSeconds();
        Clock.FrozenAt = DateTimeOffset.FromUnixTimeSeconds(now - (now % 30) + 31);
    }

    public async Task<List<System.Text.Json.JsonElement>> AuditAsync()
    {
        var page = await Api.GetJsonAsync("/api/v1/audit?pageSize=200");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        data.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The system clock, or a time the test set (<see cref="FrozenAt"/>), moved on by <see cref="Advance"/>; timers stay real.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private TimeSpan offset;

    public DateTimeOffset? FrozenAt { get; set; }

    public void Advance(TimeSpan by)
    {
        if (FrozenAt is { } frozen)
        {
            FrozenAt = frozen + by;
        }
        else
        {
            offset += by;
        }
    }

    public override DateTimeOffset GetUtcNow() => FrozenAt ?? System.GetUtcNow() + offset;
}

/// <summary>Test only: a request's client address is the one in <see cref="Header"/>, as if it came from there.</summary>
public sealed class TestClientAddress : IStartupFilter
{
    public const string Header = "X-Test-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, proceed) =>
        {
            if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
            {
                context.Connection.RemoteIpAddress = address;
            }

            return proceed(context);
        });
        next(app);
    };
}

/// <summary>The same Host with two-factor sign-in required for coordinators.</summary>
public sealed class TwoFactorRequiredHost : SignInHost
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["Access:SignIn:RequireTwoFactorForCoordinators"] = "true",
    };
}
