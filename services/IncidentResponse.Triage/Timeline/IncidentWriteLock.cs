using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// Lines up the writers of one incident's timeline. On PostgreSQL a transaction takes the incident row's
/// lock first (<c>SELECT … FOR UPDATE</c>): a second writer waits until the first commits and then reads
/// the new head, instead of both computing the same next sequence number and one of them failing (with a
/// dozen messages about a fresh incident arriving together, those failures and retries cost more than the
/// appends). SQLite runs one writer at a time anyway, so there the optimistic check alone settles it.
/// </summary>
public static class IncidentWriteLock
{
    /// <summary>The locking transaction, to commit after the save; null where no lock is needed (SQLite).</summary>
    public static async Task<IDbContextTransaction?> LockIncidentAsync(this TriageDbContext db, Guid incidentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            return null;
        }

        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlRawAsync(LockStatement(db), [incidentId], cancellationToken);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    private static string LockStatement(TriageDbContext db) =>
        $"SELECT 1 FROM {StoreNames.Table<Incident>(db)} WHERE {StoreNames.Column<Incident>(db, nameof(Incident.Id))} = {{0}} FOR UPDATE";
}
