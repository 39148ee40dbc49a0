using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.ServiceDefaults;

/// <summary>
/// A loop of its own in each Host: once the database is ready, one round of work, then a pause of <see cref="Interval"/>,
/// for ever. A round that fails is logged and the next one comes as usual:
/// what it owes is in the database and the next round finds it.
/// </summary>
public abstract partial class PeriodicWork(DatabaseStatus database, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>The pause between rounds.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>What a round does, for the log ("check heartbeats").</summary>
    protected abstract string What { get; }

    /// <summary>One round.</summary>
    protected abstract Task RoundAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, What, Failures.Describe(ex));
            }

            await Task.Delay(Interval, Time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not {What}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string what, string reason);
}
