using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Gives incidents readable numbers per year in the committee's time zone: <c>SC-2026-00042</c>.</summary>
public sealed class IncidentNumbers(IOptions<TriageOptions> options)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// Takes the next number inside the caller's open transaction on <paramref name="db"/>. The counter
    /// row is incremented in the database, which locks it until that transaction ends: concurrent
    /// triages queue for a few milliseconds instead of colliding and retrying (a read-then-write counter
    /// made every concurrent triage but one fail and retry, and under load some ran out of retries).
    /// </summary>
    public async Task<string> NextAsync(TriageDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("an incident number is taken inside the transaction that stores the incident");
        }

        var year = TimeZoneInfo.ConvertTime(now, _zone).Year;
        // Only identifiers from the model are put into the text; the year is a parameter.
        var (table, yearColumn, lastColumn) = Names(db);
        var insert = $"INSERT INTO {table} ({yearColumn}, {lastColumn}) VALUES ({{0}}, 0) ON CONFLICT ({yearColumn}) DO NOTHING";
        var increment = $"UPDATE {table} SET {lastColumn} = {lastColumn} + 1 WHERE {yearColumn} = {{0}} RETURNING {lastColumn} AS \"Value\"";
        await db.Database.ExecuteSqlRawAsync(insert, [year], cancellationToken);
        var taken = await db.Database.SqlQueryRaw<int>(increment, year).ToListAsync(cancellationToken);
        return $"{options.Value.NumberPrefix}-{year}-{taken.Single():D5}";
    }

    private static (string Table, string Year, string Last) Names(TriageDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(IncidentCounter))!;
        var name = entity.GetTableName()!;
        var schema = db.Database.IsSqlite() ? null : entity.GetSchema();
        var store = StoreObjectIdentifier.Table(name, schema);
        var table = schema is null ? $"\"{name}\"" : $"\"{schema}\".\"{name}\"";
        return (table,
            $"\"{entity.FindProperty(nameof(IncidentCounter.Year))!.GetColumnName(store)}\"",
            $"\"{entity.FindProperty(nameof(IncidentCounter.Last))!.GetColumnName(store)}\"");
    }
}
