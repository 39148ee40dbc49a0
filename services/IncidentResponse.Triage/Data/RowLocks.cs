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

        await db.Database.ExecuteSqlRawAsync(Statement<TEntity>(db, keyProperty, "1"), [keys.Distinct().ToArray()], cancellationToken);
    }

    /// <summary>
    /// The rows with these keys, locked as <see cref="LockAsync"/> locks them and read by the same statement (one round
    /// trip, where a lock and then a read took two). The query may be composed further (a filter, an <c>Include</c>):
    /// every row with one of the keys is locked, whatever the filter then keeps. Call it inside the caller's transaction.
    /// </summary>
    public static IQueryable<TEntity> Locking<TEntity, TKey>(this TriageDbContext db, string keyProperty, IReadOnlyCollection<TKey> keys)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(keys);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("row locks are taken inside the caller's transaction");
        }

        var distinct = keys.Distinct().ToArray();
        return db.Database.IsSqlite()
            ? db.Set<TEntity>().Where(e => distinct.Contains(EF.Property<TKey>(e, keyProperty)))
            : db.Set<TEntity>().FromSqlRaw(Statement<TEntity>(db, keyProperty, "*"), [distinct]);
    }

    // Only identifiers from the model are put into the text; the keys are one array parameter.
    private static string Statement<TEntity>(TriageDbContext db, string keyProperty, string select)
    {
        var table = StoreNames.Table<TEntity>(db);
        var column = StoreNames.Column<TEntity>(db, keyProperty);
        return "SELECT " + select + " FROM " + table + " WHERE " + column + " = ANY({0}) ORDER BY " + column + " FOR UPDATE";
    }
}
