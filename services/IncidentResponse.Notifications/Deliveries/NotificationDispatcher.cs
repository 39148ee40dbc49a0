using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Sends pending notifications. Each is claimed with a short lease in the database, renewed while this
/// Host works on it, so several Hosts share the work and a notification whose Host died is taken over
/// within one lease. On the embedded default (one process owns the database) a restarting Host takes
/// back at once what its previous life had claimed.
/// </summary>
public sealed partial class NotificationDispatcher(
    IServiceScopeFactory scopes, DispatchSignal signal, DatabaseStatus database, HostIdentity identity, IOptions<NotificationsOptions> options,
    TimeProvider time, ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly string _instance = Truncate(identity.ClaimOwner, 100);

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

        await ReleaseClaimsOfEarlierLivesAsync(stoppingToken);

        using var renewing = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewer = RenewWhileWorkingAsync(settings, renewing.Token);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DispatchDueAsync(settings, stoppingToken);
                await signal.WaitAsync(settings.DispatchPollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogDispatchFailed(logger, Failures.Describe(ex));
                await Task.Delay(settings.DispatchPollInterval, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        await renewing.CancelAsync();
        await renewer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Every third of a lease, extends the claims this Host still holds on notifications it is sending.</summary>
    private async Task RenewWhileWorkingAsync(NotificationsOptions settings, CancellationToken cancellationToken)
    {
        var every = settings.DispatchLease / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            await Task.Delay(every, time, cancellationToken);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
                var until = time.GetUtcNow() + settings.DispatchLease;
                await db.Notifications
                    .Where(n => n.ClaimedBy == _instance && n.Status == NotificationStatus.Pending)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedUntil, until), cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                LogDispatchFailed(logger, Failures.Describe(ex));
            }
        }
    }

    /// <summary>
    /// Claims left by a previous life of this Host: nobody else can be working on them, so they are taken back at
    /// once instead of after the lease. On SQLite (one process owns the database) every claim is such a claim.
    /// </summary>
    public async Task<int> ReleaseClaimsOfEarlierLivesAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var claimed = db.Notifications.Where(n => n.Status == NotificationStatus.Pending && n.ClaimedBy != null && n.ClaimedBy != _instance);
        if (!db.Database.IsSqlite())
        {
            claimed = claimed.Where(n => n.ClaimedBy!.StartsWith(identity.ClaimPrefix));
        }

        var released = await claimed
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, (string?)null).SetProperty(n => n.ClaimedUntil, (DateTimeOffset?)null), cancellationToken);
        if (released > 0)
        {
            LogReleased(logger, released);
        }

        return released;
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

    /// <summary>
    /// Takes up to a batch of due notifications nobody holds a live lease on, in three statements whatever the
    /// batch: pick, claim those still free, read back what this Host got (another Host may have taken some first).
    /// The first notices of engagements go first: after a restart or a burst, a newly engaged unit is told before
    /// the queue of deadline alerts, update notices, pages and documents behind it.
    /// </summary>
    private async Task<List<Guid>> ClaimAsync(NotificationsOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = time.GetUtcNow();
        var candidates = await db.Notifications
            .Where(n => n.Status == NotificationStatus.Pending && n.NextAttemptAt <= now && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .OrderBy(n => n.Origin == NotificationOrigins.Engagement ? 0 : 1) // a unit's first notice before reminders, updates and documents
            .ThenBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .Take(settings.DispatchConcurrency * 2)
            .ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return candidates;
        }

        var until = now + settings.DispatchLease;
        await db.Notifications
            .Where(n => candidates.Contains(n.Id) && n.Status == NotificationStatus.Pending && (n.ClaimedUntil == null || n.ClaimedUntil < now))
            .ExecuteUpdateAsync(
                s => s.SetProperty(n => n.ClaimedBy, _instance).SetProperty(n => n.ClaimedUntil, until).SetProperty(n => n.Version, n => n.Version + 1),
                cancellationToken);
        return await db.Notifications
            .Where(n => candidates.Contains(n.Id) && n.Status == NotificationStatus.Pending && n.ClaimedBy == _instance)
            .OrderBy(n => n.NextAttemptAt)
            .Select(n => n.Id)
            .ToListAsync(cancellationToken);
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    [LoggerMessage(Level = LogLevel.Information, Message = "Took back {Count} notification(s) claimed before this Host restarted")]
    private static partial void LogReleased(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification dispatch failed, retrying: {Reason}")]
    private static partial void LogDispatchFailed(ILogger logger, string reason);
}
