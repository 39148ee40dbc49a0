using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Gives incidents readable numbers per year in the committee's time zone: <c>SC-2026-00042</c>.</summary>
public sealed partial class IncidentNumbers(IOptions<TriageOptions> options)
{
    /// <summary>
    /// Whether <paramref name="prefix"/> can begin an incident number that reports quote back and intake recognises:
    /// 1 to 10 upper-case ASCII letters and digits, the first a letter, and not an advisory id's (<see cref="AdvisoryPrefixes"/>).
    /// </summary>
    public static bool IsPrefix(string? prefix) =>
        prefix is not null && PrefixPattern().IsMatch(prefix) && !AdvisoryPrefixes.All.Contains(prefix, StringComparer.Ordinal);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[A-Z][A-Z0-9]{0,9}\z", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PrefixPattern();

    private readonly TimeZoneInfo _zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>
    /// The next <paramref name="count"/> numbers of the year, in order, taken by one upsert of the year's
    /// counter inside the caller's transaction (the triage batch's): the counter row stays locked until
    /// that transaction ends, so numbers are unique across Hosts, and a rollback gives them back, so
    /// there is no gap to explain. (Numbers used to be claimed on a connection of their own and recorded
    /// per report, when every report was triaged in a transaction of its own and the lock held for each
    /// queued the others; one writer per Host, with batches, holds it once per batch.)
    /// </summary>
    public async Task<IReadOnlyList<string>> TakeAsync(TriageDbContext db, int count, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (count <= 0)
        {
            return [];
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("incident numbers are taken inside the caller's transaction");
        }

        var year = TimeZoneInfo.ConvertTime(now, _zone).Year;
        // Only identifiers from the model are put into the text; the year and the count are parameters.
        var (table, yearColumn, lastColumn) = Names(db);
        var next = $"INSERT INTO {table} AS c ({yearColumn}, {lastColumn}) VALUES ({{0}}, {{1}}) " +
                   $"ON CONFLICT ({yearColumn}) DO UPDATE SET {lastColumn} = c.{lastColumn} + {{1}} RETURNING {lastColumn} AS \"Value\"";
        var last = (await db.Database.SqlQueryRaw<int>(next, year, count).ToListAsync(cancellationToken)).Single();
        return Enumerable.Range(last - count + 1, count).Select(n => $"{options.Value.NumberPrefix}-{year}-{n:D5}").ToList();
    }

    private static (string Table, string Year, string Last) Names(TriageDbContext db) =>
        (StoreNames.Table<IncidentCounter>(db),
            StoreNames.Column<IncidentCounter>(db, nameof(IncidentCounter.Year)),
            StoreNames.Column<IncidentCounter>(db, nameof(IncidentCounter.Last)));
}
