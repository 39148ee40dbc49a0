using IncidentResponse.Host;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Testing;

/// <summary>
/// The real Host, started in this process on a free loopback port with the given deployment,
/// roles and settings, exactly as <c>dotnet run</c> would build it.
/// </summary>
public sealed class TestHost : IAsyncDisposable
{
    private TestHost(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public static async Task<TestHost> StartAsync(
        TestDeployment deployment,
        string? roles = null,
        IReadOnlyDictionary<string, string>? settings = null,
        HostCustomization? customization = null,
        bool waitUntilReady = true)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var all = new Dictionary<string, string>(deployment.Settings)
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Outbox:PollInterval"] = "00:00:00.500",
        };
        if (roles is not null)
        {
            all["Roles"] = roles;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var app = IncidentResponseHost.Build([.. all.Select(kv => $"--{kv.Key}={kv.Value}")], customization);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var host = new TestHost(app, new Uri(address));
        if (waitUntilReady)
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        }

        return host;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        var last = "";
        while (true)
        {
            try
            {
                using var response = await Http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancel.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                last = await response.Content.ReadAsStringAsync(cancel.Token);
                await Task.Delay(100, cancel.Token);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"Host not ready within {timeout}: {last}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await App.StopAsync(stop.Token);
        await App.DisposeAsync();
    }
}
