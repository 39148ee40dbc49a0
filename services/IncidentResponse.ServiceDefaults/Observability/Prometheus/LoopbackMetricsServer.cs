using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// <c>/metrics</c> without a credential on <c>127.0.0.1:</c><see cref="MetricsOptions.LoopbackPort"/> only, when set:
/// for a Prometheus on the same machine. Nothing else is served there; nothing listens when the port is unset.
/// </summary>
public sealed class LoopbackMetricsServer(HostMetrics metrics, IOptions<MetricsOptions> options) : IHostedService, IDisposable
{
    private KestrelMetricServer? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LoopbackPort is { } port)
        {
            _server = new KestrelMetricServer(new KestrelMetricServerOptions
            {
                Hostname = "127.0.0.1",
                Port = checked((ushort)port),
                ConfigureExporter = settings => settings.Registry = metrics.Registry,
            });
            _server.Start();
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            _server = null;
        }
    }

    public void Dispose() => _server?.Dispose();
}
