using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Deletes inbox entries older than <see cref="MessageRedeliveryOptions.InboxRetention"/> (kept well past the
/// redelivery horizon, so a redelivered message still finds its entry): one indexed delete per database
/// and pass. Several Hosts pruning at once delete the same rows; nothing else changes.
/// </summary>
public sealed partial class InboxPruner(
    IServiceScopeFactory scopes,
    IEnumerable<ServiceDatabase> databases,
    DatabaseStatus status,
    IOptions<MessageRedeliveryOptions> options,
    TimeProvider time,
    ILogger<InboxPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await status.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            await PruneAsync(stoppingToken);
            await Task.Delay(options.Value.InboxPruneInterval, time, stoppingToken);
        }
    }

    /// <summary>One pass over every database; returns how many entries were deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow() - options.Value.EffectiveInboxRetention;
        var deleted = 0;
        foreach (var database in databases)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
                deleted += await db.InboxEntries.Where(e => e.ProcessedAt < before).ExecuteDeleteAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogFailed(logger, database.Schema, Failures.Describe(ex));
            }
        }

        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Old inbox entries of {Schema} could not be deleted now: {Reason}")]
    private static partial void LogFailed(ILogger logger, string schema, string reason);
}
