using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Sends pending notifications. Each is claimed with a lease in the database, so several Hosts
/// share the work and a notification whose Host died is taken over when the lease runs out.
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, DispatchSignal signal, DatabaseStatus database, IOptions<NotificationsOptions> options, TimeProvider time,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly string _instance = Truncate($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}", 100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        try
        {
            await database.WaitUntilReadyAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(settings, stoppingToken);
                await signal.WaitAsync(settings.DispatchPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, Failures.Describe(ex));
                await Task.Delay(settings.DispatchPollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task DispatchDueAsync(NotificationsOptions settings, CancellationToken cancellationToken)
    {
        while (true)
        {
            var claimed = await ClaimAsync(settings, cancellationToken);
            if (claimed.Count == 0)
            {
                return;
            }

            await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = settings.DispatchConcurrency, CancellationToken = cancellationToken },
                async (id, cancel) =>
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await scope.ServiceProvider.GetRequiredService<NotificationDelivery>().DeliverAsync(id, _instance, cancel);
                });
        }
    }

    /// <summary>Takes up to a batch of due notifications nobody holds a live lease on.</summary>
    private async Task<List<Guid>> ClaimAsync(NotificationsOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var due = await db.Notifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.NextAttemptAt)
            .Take(settings.DispatchConcurrency * 2)
            .ToListAsync(cancellationToken);
        var claimed = new List<Guid>();
        foreach (var notification in due)
        {
            notification.ClaimedBy = _instance;
            notification.ClaimedUntil = now + settings.DispatchLease;
            notification.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                claimed.Add(notification.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(notification).State = EntityState.Detached; // another Host claimed it first
            }
        }

        return claimed;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatch failed, retrying: {Reason}")]
    private static partial void LogDispatchFailed(ILogger logger, string reason);
}
