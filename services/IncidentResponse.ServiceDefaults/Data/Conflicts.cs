using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Data;

/// <summary>
/// Writes that lost a race: an optimistic concurrency check failed, or a unique key (such as the
/// next timeline sequence number) was taken by another transaction first. Re-reading and
/// re-deciding is the right answer to both.
/// </summary>
public static class Conflicts
{
    public static bool IsConflict(DbUpdateException exception) =>
        exception is DbUpdateConcurrencyException
        || exception?.InnerException is DbException { SqlState: "23505" } // PostgreSQL unique_violation
        || (exception?.InnerException is DbException sqlite && sqlite.GetType().Name == "SqliteException"
            && sqlite.Message.Contains("UNIQUE constraint failed", StringComparison.Ordinal));

    /// <summary>
    /// Runs <paramref name="attempt"/> (read, decide, save) again on fresh state when its save lost
    /// a race, up to <paramref name="tries"/> times, with a short random pause between tries.
    /// </summary>
    public static async Task<T> RetryOnConflictAsync<T>(this DbContext db, Func<Task<T>> attempt, CancellationToken cancellationToken, int tries = 5)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(attempt);
        for (var i = 1; ; i++)
        {
            try
            {
                return await attempt();
            }
            catch (DbUpdateException ex) when (i < tries && IsConflict(ex))
            {
                db.ChangeTracker.Clear();
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 25) * i), cancellationToken);
            }
        }
    }
}
