using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Gives incidents readable numbers per year in the committee's time zone: <c>SC-2026-00042</c>.</summary>
public sealed class IncidentNumbers(IOptions<TriageOptions> options, IServiceScopeFactory scopes)
{
    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// The number for the incident <paramref name="reportId"/> opens: the one it claimed on an earlier
    /// try, or the next one. It is taken on a connection of its own, outside the caller's transaction,
    /// by one upsert statement that commits at once, so the counter row is locked for that statement
    /// only. (Taken inside the triage's transaction, the row stayed locked until that transaction
    /// committed: under load every opening triage queued on it, and ingest stalled near 10 reports/s.)
    /// The claim is recorded, so a retried triage gets the same number.
    /// </summary>
    public async Task<string> ClaimAsync(Guid reportId, DateTimeOffset now, CancellationToken cancellationToken) =>
        (await ClaimAsync([reportId], now, cancellationToken))[reportId];

    /// <summary>
    /// Numbers for several opening reports at once, in the order given (a batch of triage): one
    /// statement takes as many numbers as there are reports without an earlier claim.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ClaimAsync(IReadOnlyList<Guid> reportIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reportIds);
        var numbers = new Dictionary<Guid, string>();
        if (reportIds.Count == 0)
        {
            return numbers;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var ids = reportIds.Distinct().ToList();
        foreach (var earlier in await db.NumberClaims.AsNoTracking().Where(c => ids.Contains(c.ReportId)).ToListAsync(cancellationToken))
        {
            numbers[earlier.ReportId] = earlier.Number;
        }

        var unclaimed = ids.Where(id => !numbers.ContainsKey(id)).ToList();
        if (unclaimed.Count == 0)
        {
            return numbers;
        }

        var year = TimeZoneInfo.ConvertTime(now, _zone).Year;
        // Only identifiers from the model are put into the text; the year and the count are parameters.
        var (table, yearColumn, lastColumn) = Names(db);
        var next = $"INSERT INTO {table} AS c ({yearColumn}, {lastColumn}) VALUES ({{0}}, {{1}}) " +
                   $"ON CONFLICT ({yearColumn}) DO UPDATE SET {lastColumn} = c.{lastColumn} + {{1}} RETURNING {lastColumn} AS \"Value\"";
        var last = (await db.Database.SqlQueryRaw<int>(next, year, unclaimed.Count).ToListAsync(cancellationToken)).Single();
        for (var i = 0; i < unclaimed.Count; i++)
        {
            var number = $"{options.Value.NumberPrefix}-{year}-{last - unclaimed.Count + 1 + i:D5}";
            numbers[unclaimed[i]] = number;
            db.NumberClaims.Add(new IncidentNumberClaim { ReportId = unclaimed[i], Number = number, ClaimedAt = now });
        }

        await db.SaveChangesAsync(cancellationToken);
        return numbers;
    }

    private static (string Table, string Year, string Last) Names(TriageDbContext db) =>
        (StoreNames.Table<IncidentCounter>(db),
            StoreNames.Column<IncidentCounter>(db, nameof(IncidentCounter.Year)),
            StoreNames.Column<IncidentCounter>(db, nameof(IncidentCounter.Last)));
}
