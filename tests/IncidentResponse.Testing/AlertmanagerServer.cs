using System.Net.Http.Json;
using System.Text.Json;

namespace IncidentResponse.Testing;

/// <summary>
/// A real Prometheus Alertmanager (Debian package <c>prometheus-alertmanager</c>) with one receiver
/// pointed at a Host, clustering off, on a free loopback port. Alerts are fired through its API
/// (<c>/api/v2/alerts</c>), as Prometheus would.
/// </summary>
public sealed class AlertmanagerServer : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly PeerProcess _process;

    private AlertmanagerServer(TempDirectory directory, PeerProcess process, Uri address)
    {
        _directory = directory;
        _process = process;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    public string Output => _process.Output;

    /// <summary>Starts Alertmanager with <paramref name="receiverYaml"/> as the one receiver named <c>ir</c> (indented list items under <c>receivers:</c>).</summary>
    public static async Task<AlertmanagerServer> StartAsync(string receiverYaml, string groupInterval = "1s")
    {
        var binary = PeerProcess.Locate("IR_TEST_ALERTMANAGER", "/usr/bin/prometheus-alertmanager", "prometheus-alertmanager");
        var directory = new TempDirectory();
        var config = Path.Combine(directory.Path, "alertmanager.yml");
        await File.WriteAllTextAsync(config, $$"""
            route:
              receiver: ir
              group_by: [alertname, instance]
              group_wait: 1s
              group_interval: {{groupInterval}}
              repeat_interval: 4h
            receivers:
            {{receiverYaml}}
            """);
        var port = PeerProcess.FreePort();
        var process = PeerProcess.Start(binary,
            [$"--config.file={config}", $"--storage.path={Path.Combine(directory.Path, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                "--cluster.listen-address=", "--log.level=debug"],
            directory.Path);
        var server = new AlertmanagerServer(directory, process, new Uri($"http://127.0.0.1:{port}"));
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
        }, ok => ok, TimeSpan.FromSeconds(30), "alertmanager ready");
        return server;
    }

    /// <summary>Fires (or, with <paramref name="endsAt"/> in the past, resolves) one alert through the API.</summary>
    public async Task PostAlertAsync(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, DateTimeOffset startsAt, DateTimeOffset? endsAt = null)
    {
        var alert = new Dictionary<string, object> { ["labels"] = labels, ["annotations"] = annotations, ["startsAt"] = startsAt.ToString("O") };
        if (endsAt is { } end)
        {
            alert["endsAt"] = end.ToString("O");
        }

        using var response = await Http.PostAsJsonAsync(new Uri("/api/v2/alerts", UriKind.Relative), new[] { alert }, ApiClient.Json);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"alertmanager refused the alert: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    public async Task<JsonElement> AlertsAsync()
    {
        using var response = await Http.GetAsync(new Uri("/api/v2/alerts", UriKind.Relative));
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        _directory.Dispose();
    }
}
