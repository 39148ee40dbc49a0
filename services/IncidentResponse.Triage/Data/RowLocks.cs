using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Data;

/// <summary>
/// Row locks taken inside a unit of work's transaction, always in key order, so two transactions that need
/// some of the same rows wait for each other instead of deadlocking. The order across tables is fixed too:
/// correlation keys, then incidents, then the year's counter (see <see cref="Incidents.ReportTriage"/>).
/// On PostgreSQL <c>SELECT … FOR UPDATE</c>; on SQLite nothing, because its transactions begin
/// <c>IMMEDIATE</c> and so already hold the database's single write lock.
/// </summary>
internal static class RowLocks
{
    public static async Task LockAsync<TEntity, TKey>(this TriageDbContext db, string keyProperty, IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0 || db.Database.IsSqlite())
        {
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("row locks are taken inside the caller's transaction");
        }

        var table = StoreNames.Table<TEntity>(db);
        var column = StoreNames.Column<TEntity>(db, keyProperty);
        // Only identifiers from the model are put into the text; the keys are one array parameter.
        var statement = "SELECT 1 FROM " + table + " WHERE " + column + " = ANY({0}) ORDER BY " + column + " FOR UPDATE";
        await db.Database.ExecuteSqlRawAsync(statement, [keys.Distinct().ToArray()], cancellationToken);
    }
}
