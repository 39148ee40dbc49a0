using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// When a later directory version comes into force, brings the database's units and people to it without a restart:
/// it wakes at that version's <c>effectiveFrom</c> (and at least every <see cref="MaxWait"/>, which also retries a
/// round that failed, every second until it succeeds). It never takes the database back to an older version, nor over one
/// this Host's files lack, so a Host left with old rule files, or one that does not seed at start (the Kubernetes Hosts,
/// whose migrate job seeds), can run it safely; it also brings a Host that was stopped at the time up to date.
/// </summary>
public sealed class DirectoryVersionWatcher(
    NotificationRules rules,
    DirectorySynchroniser synchroniser,
    IServiceScopeFactory scopes,
    DatabaseStatus database,
    TimeProvider time,
    ILogger<DirectoryVersionWatcher> logger) : PeriodicWork(database, time, logger)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    /// <summary>How soon a round that could not bring the database to the version in force is tried again.</summary>
    public static readonly TimeSpan RetryWait = TimeSpan.FromSeconds(1);

    /// <summary>Until the next version's start (a few milliseconds past it), at most <see cref="MaxWait"/>; a second while behind.</summary>
    protected override TimeSpan Interval
    {
        get
        {
            var now = Time.GetUtcNow();
            if (synchroniser.SyncedVersion is { } done && done != rules.DirectoryAt(now).Version)
            {
                return RetryWait;
            }

            var next = rules.Directories.Select(f => f.EffectiveFrom).Where(at => at > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var untilNext = next == DateTimeOffset.MaxValue ? MaxWait : next - now + TimeSpan.FromMilliseconds(5);
            return untilNext < MaxWait ? untilNext : MaxWait;
        }
    }

    protected override string What => "bring the directory to the version in force";

    protected override async Task RoundAsync(CancellationToken cancellationToken)
    {
        // A Host that did not seed at start (Database:MigrateOnStart false) learns the database's version in its first round.
        if (rules.DirectoryAt(Time.GetUtcNow()).Version == synchroniser.SyncedVersion)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await synchroniser.CatchUpAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), cancellationToken);
    }
}
