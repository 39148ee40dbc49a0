using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// The units of the directory (active or not), held in memory for routing. The database stays the truth (the versioned YAML
/// synchronised into it at start-up and when a later version comes into force, and units added there by hand): the copy is
/// read again when another directory version has been synchronised and at the latest after <see cref="MaxAge"/>, so routing
/// reads no unit per message.
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
        // The version the database was brought to on this Host (the file's until the first synchronisation here).
        var version = synchroniser?.SyncedVersion ?? rules.DirectoryAt(now).Version;
        if (Volatile.Read(ref _snapshot) is { } held && held.Version == version && now - held.ReadAt < MaxAge)
        {
            return held.Units;
        }

        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        Volatile.Write(ref _snapshot, new Snapshot(version, now, units));
        return units;
    }

    private sealed record Snapshot(string Version, DateTimeOffset ReadAt, IReadOnlyDictionary<string, Unit> Units);
}
