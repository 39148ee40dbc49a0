using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// The entities a context tracks, found without a change-detection pass. <c>ChangeTracker.Entries&lt;T&gt;()</c> and
/// <c>DbSet.Local</c> first compare every property of every tracked entity with its snapshot; in a batch consumer's context
/// (hundreds of entities) a lookup of what was added costs more than the batch's other work, and the save detects the same
/// changes again anyway.
/// </summary>
public static class TrackedEntities
{
    /// <summary>
    /// The tracked entities of <typeparamref name="T"/> and their states as last detected: what was added or attached through a
    /// <c>DbSet</c>, or read. An entity reachable only through another's navigation and not detected yet is not among them, and
    /// a property changed since the last detection has not turned its entity <see cref="EntityState.Modified"/>: use it for
    /// types added through their <c>DbSet</c>.
    /// </summary>
    public static List<EntityEntry<T>> TrackedWithoutDetecting<T>(this DbContext db)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            return tracker.Entries<T>().ToList();
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    /// <summary>
    /// What <c>DbSet&lt;T&gt;.Local</c> holds (the tracked entities of <typeparamref name="T"/> not marked deleted), found the
    /// same way as <see cref="TrackedWithoutDetecting{T}"/>, with the same limits.
    /// </summary>
    public static IEnumerable<T> LocalWithoutDetecting<T>(this DbContext db)
        where T : class =>
        db.TrackedWithoutDetecting<T>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity);
}
