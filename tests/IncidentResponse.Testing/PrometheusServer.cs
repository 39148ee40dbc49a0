using System.Net.Http.Json;
using System.Text.Json;

namespace IncidentResponse.Testing;

/// <summary>
/// A real Prometheus (Debian package <c>prometheus</c>) on a free loopback port, with the configuration and
/// rule files a test gives it, its data in a temporary directory. Its API answers what it scraped and which
/// alerts fire.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;

    private PrometheusServer(TempDirectory directory, PeerProcess process, Uri address)
    {
        _directory = directory;
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <summary>The Debian package's <c>promtool</c> (or <c>IR_TEST_PROMTOOL</c>).</summary>
    public static string Promtool => PeerProcess.Locate("IR_TEST_PROMTOOL", "/usr/bin/promtool", "prometheus");

    /// <summary>
    /// Starts Prometheus with <paramref name="configYaml"/>; <paramref name="files"/> are written beside it first
    /// (rule files, a credential file), so the configuration names them by their file name alone.
    /// </summary>
    public static async Task<PrometheusServer> StartAsync(string configYaml, IReadOnlyDictionary<string, string>? files = null)
    {
        var binary = PeerProcess.Locate("IR_TEST_PROMETHEUS", "/usr/bin/prometheus", "prometheus");
        var directory = new TempDirectory();
        foreach (var (name, text) in files ?? new Dictionary<string, string>())
        {
            await File.WriteAllTextAsync(Path.Combine(directory.Path, name), text);
        }

        var config = Path.Combine(directory.Path, "prometheus.yml");
        await File.WriteAllTextAsync(config, configYaml);
        var port = PeerProcess.FreePort();
        var process = PeerProcess.Start(binary,
            [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=debug"],
            directory.Path);
        var server = new PrometheusServer(directory, process, new Uri($"http://127.0.0.1:{port}"));
        await process.WaitForPortAsync(port, TimeSpan.FromSeconds(30));
        await Eventually.MatchesAsync(async () =>
        {
            try
            {
                using var ready = await server.Http.GetAsync(new Uri("/-/ready", UriKind.Relative));
                return ready.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, ok => ok, TimeSpan.FromSeconds(30), "prometheus ready");
        return server;
    }

    /// <summary>The alerts Prometheus holds now (<c>/api/v1/alerts</c>): each with its labels and state (pending, firing).</summary>
    public async Task<JsonElement> AlertsAsync()
    {
        using var response = await Http.GetAsync(new Uri("/api/v1/alerts", UriKind.Relative));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("alerts").Clone();
    }

    /// <summary>The scrape targets and their health (<c>/api/v1/targets</c>).</summary>
    public async Task<JsonElement> TargetsAsync()
    {
        using var response = await Http.GetAsync(new Uri("/api/v1/targets", UriKind.Relative));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("activeTargets").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
