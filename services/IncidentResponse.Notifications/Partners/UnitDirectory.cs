using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// The units of the directory (active or not), held in memory for routing. The database stays the truth (the versioned YAML
/// synchronised into it at start-up and when a later version comes into force, and units added there by hand): the copy is
/// read again when another directory version comes into force and at the latest after <see cref="MaxAge"/>, so routing reads
/// no unit per message. Until this Host has brought the database to a version that came into force, routing waits.
/// </summary>
public sealed class UnitDirectory(NotificationRules rules, TimeProvider time, DirectorySynchroniser? synchroniser = null)
{
    /// <summary>A unit added to or changed in the database by hand is seen after at most this long.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private Snapshot? _snapshot;

    /// <summary>The units by code, as the database holds them for the directory version in force; routing engages active ones only.</summary>
    public async Task<IReadOnlyDictionary<string, Unit>> UnitsAsync(NotificationsDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = time.GetUtcNow();
        var version = rules.DirectoryAt(now).Version;
        if (synchroniser?.SyncedVersion is { } done && done != version)
        {
            // Routing with the new version's rules and the old version's units would skip a unit new in it for good: the
            // message is tried again (quick retries, then redrive) once the watcher has brought the database to the version.
            throw new DirectoryNotSynchronisedException(version, done);
        }

        if (Volatile.Read(ref _snapshot) is { } held && held.Version == version && now - held.ReadAt < MaxAge)
        {
            return held.Units;
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        Volatile.Write(ref _snapshot, new Snapshot(version, now, units));
        return units;
    }

    /// <summary>The next read goes to the database (a unit was just changed there and should route at once).</summary>
    public void Forget() => Volatile.Write(ref _snapshot, null);

    private sealed record Snapshot(string Version, DateTimeOffset ReadAt, IReadOnlyDictionary<string, Unit> Units);
}

/// <summary>A directory version came into force and the database does not hold it yet on this Host: try again shortly.</summary>
public sealed class DirectoryNotSynchronisedException(string version, string held)
    : Exception($"directory version {version} is in force and the database holds {held} still; routing waits for it");
