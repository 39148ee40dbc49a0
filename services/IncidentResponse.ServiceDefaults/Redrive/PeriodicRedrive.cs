using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.ServiceDefaults.Redrive;

/// <summary>
/// A hand-off repaired from the database: the sender's stored state says what is owed, and this loop
/// sends it again until the receiver's answer is stored. Each pass sends a bounded page; a full page is
/// followed by the next one at once.
/// </summary>
public abstract partial class PeriodicRedrive(DatabaseStatus database, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>What this loop repairs, for the log (e.g. "incident states").</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>The most one pass sends.</summary>
    protected virtual int PageSize => 100;

    /// <summary>Sends one page of what is owed; returns how many it sent.</summary>
    public abstract Task<int> RedriveAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var sent = 0;
            try
            {
                sent = await RedriveAsync(stoppingToken);
                if (sent > 0)
                {
                    LogSent(logger, sent, What);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, What, Failures.Describe(ex));
            }

            if (sent < PageSize)
            {
                await Task.Delay(Interval, Time, stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} {What} again: not answered in time")]
    private static partial void LogSent(ILogger logger, int count, string what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for unanswered {What}: {Reason}")]
    private static partial void LogFailed(ILogger logger, string what, string reason);
}
