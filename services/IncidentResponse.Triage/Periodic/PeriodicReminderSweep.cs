using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// Runs <see cref="PeriodicReminders"/> every <c>Triage:PeriodicReminderInterval</c> on every Host with the triage role (the
/// records make a stage pass once whichever Host is first); a failed sweep is logged and tried at the next.
/// </summary>
public sealed partial class PeriodicReminderSweep(
    IServiceScopeFactory scopes, DatabaseStatus database, IOptions<TriageOptions> options, TimeProvider time, ILogger<PeriodicReminderSweep> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.PeriodicReminders)
        {
            return;
        }

        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sent = await scope.ServiceProvider.GetRequiredService<PeriodicReminders>().SweepAsync(stoppingToken);
                if (sent > 0)
                {
                    LogSent(logger, sent);
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ServiceDefaults.Failures.Describe(ex));
            }

            await Task.Delay(options.Value.PeriodicReminderInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic report reminders raised: {Count}")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A sweep for periodic report reminders failed ({Exception}); trying again at the next")]
    private static partial void LogFailed(ILogger logger, string exception);
}
