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
/// round that failed). Until then, and on a Host that was stopped at the time, the start-up synchronisation does it.
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

    /// <summary>Until the next version's start (a few milliseconds past it), at most <see cref="MaxWait"/>.</summary>
    protected override TimeSpan Interval
    {
        get
        {
            var now = Time.GetUtcNow();
            var next = rules.Directories.Select(f => f.EffectiveFrom).Where(at => at > now).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
            var untilNext = next == DateTimeOffset.MaxValue ? MaxWait : next - now + TimeSpan.FromMilliseconds(5);
            return untilNext < MaxWait ? untilNext : MaxWait;
        }
    }

    protected override string What => "bring the directory to the version in force";

    protected override async Task RoundAsync(CancellationToken cancellationToken)
    {
        if (rules.DirectoryAt(Time.GetUtcNow()).Version == synchroniser.SyncedVersion)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        await synchroniser.SynchroniseAsync(scope.ServiceProvider.GetRequiredService<NotificationsDbContext>(), cancellationToken);
    }
}
