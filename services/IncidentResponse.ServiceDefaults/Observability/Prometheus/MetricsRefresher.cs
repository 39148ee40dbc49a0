using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>Runs every role's <see cref="IMetricsProbe"/> once the databases are ready, then every <see cref="MetricsOptions.RefreshInterval"/>.</summary>
public sealed partial class MetricsRefresher(
    IEnumerable<IMetricsProbe> probes, DatabaseStatus status, IOptions<MetricsOptions> options, TimeProvider time, ILogger<MetricsRefresher> logger)
    : BackgroundService
{
    private readonly IReadOnlyList<IMetricsProbe> _probes = [.. probes];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_probes.Count == 0)
        {
            return;
        }

        await status.WaitUntilReadyAsync(stoppingToken);
        var interval = options.Value.RefreshInterval > TimeSpan.Zero ? options.Value.RefreshInterval : TimeSpan.FromSeconds(15);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var probe in _probes)
            {
                try
                {
                    await probe.RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogFailed(logger, probe.GetType().Name, Failures.Describe(ex));
                }
            }

            await Task.Delay(interval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Metrics of {Probe} could not be read now: {Reason}")]
    private static partial void LogFailed(ILogger logger, string probe, string reason);
}
