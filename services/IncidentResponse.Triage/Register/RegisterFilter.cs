using System.Text.RegularExpressions;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// A checked register query. The period (<see cref="From"/> inclusive, <see cref="To"/> exclusive) is on the time the
/// committee opened the incident. Without a status every incident is listed, open and closed. Without a sort the
/// list keeps the old order: most severe first, then the most recently seen.
/// </summary>
public sealed partial record RegisterFilter(
    string? Q, IReadOnlyList<string> Statuses, DateTimeOffset? From, DateTimeOffset? To, string? Class, int? Severity, int? MinSeverity,
    bool? Serious, string? Tlp, string? Unit, bool? Drill, string? Sort, bool Ascending, int Page, int PageSize)
{
    /// <summary>The incidents that pass the filter (not ordered).</summary>
    public IQueryable<Incident> Apply(TriageDbContext db, IQueryable<Incident> incidents)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incidents);
        var query = incidents;
        if (Statuses.Contains("all"))
        {
            // every status
        }
        else if (Statuses.Contains(IncidentStatuses.Open))
        {
            var others = Statuses.Where(s => s != IncidentStatuses.Open).ToList();
            query = query.Where(i => i.Status != Lifecycle.Closed || others.Contains(i.Status));
        }
        else if (Statuses.Count > 0)
        {
            var statuses = Statuses.ToList();
            query = query.Where(i => statuses.Contains(i.Status));
        }

        if (From is { } from)
        {
            query = query.Where(i => i.OpenedAt >= from);
        }

        if (To is { } to)
        {
            query = query.Where(i => i.OpenedAt < to);
        }

        if (Class is { } @class)
        {
            query = @class.Contains(':', StringComparison.Ordinal)
                ? query.Where(i => i.Classification == @class)
                : query.Where(i => i.Classification.StartsWith(@class + ":"));
        }

        if (Severity is { } severity)
        {
            query = query.Where(i => i.SeverityLevel == severity);
        }

        if (MinSeverity is { } minSeverity)
        {
            query = query.Where(i => i.SeverityLevel >= minSeverity);
        }

        if (Serious is { } serious)
        {
            query = query.Where(i => i.Serious == serious);
        }

        if (Tlp is { } tlp)
        {
            query = query.Where(i => i.Tlp == tlp);
        }

        if (Drill is { } drill)
        {
            query = query.Where(i => i.Drill == drill);
        }

        if (Unit is { } unit)
        {
            query = query.Where(i => db.IncidentUnits.Any(u => u.IncidentId == i.Id && u.UnitCode == unit));
        }

        return Search(db, query);
    }

    /// <summary>
    /// An incident number alone is looked up by the number's unique index; otherwise every word must start one of the
    /// incident's terms (<see cref="SearchText"/>), in one query of the terms' GIN index on PostgreSQL.
    /// </summary>
    private IQueryable<Incident> Search(TriageDbContext db, IQueryable<Incident> query)
    {
        if (string.IsNullOrWhiteSpace(Q))
        {
            return query;
        }

        if (IncidentNumber().IsMatch(Q))
        {
            var asTyped = Q;
            var upper = Q.ToUpperInvariant();
            return query.Where(i => i.Number == asTyped || i.Number == upper);
        }

        var words = SearchText.Words(Q);
        if (words.Count == 0)
        {
            return query;
        }

        if (db.Database.IsNpgsql())
        {
            // Every word a prefix of one of the terms, in one tsquery answered by the GIN index.
            NpgsqlTsQuery all = Prefix(words[0]);
            foreach (var word in words.Skip(1))
            {
                all = new NpgsqlTsQueryAnd(all, Prefix(word));
            }

            return query.Where(i => db.Search.Any(s => s.IncidentId == i.Id && EF.Property<NpgsqlTsVector>(s, IncidentSearch.VectorProperty).Matches(all)));
        }

        foreach (var word in words)
        {
            var pattern = "% " + word + "%";
            query = query.Where(i => db.Search.Any(s => s.IncidentId == i.Id && EF.Functions.Like(s.Terms, pattern)));
        }

        return query;
    }

    private static NpgsqlTsQueryLexeme Prefix(string word) => new(word, NpgsqlTsQueryLexeme.Weight.None, isPrefixSearch: true);

    /// <summary>The chosen order, then the id so that pages never overlap.</summary>
    public IOrderedQueryable<Incident> Order(IQueryable<Incident> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var ordered = Sort switch
        {
            null => query.OrderByDescending(i => i.SeverityLevel).ThenByDescending(i => i.LastSeenAt),
            "number" => Ascending ? query.OrderBy(i => i.Number) : query.OrderByDescending(i => i.Number),
            "openedAt" => Ascending ? query.OrderBy(i => i.OpenedAt) : query.OrderByDescending(i => i.OpenedAt),
            "detectedAt" => Ascending ? query.OrderBy(i => i.DetectedAt) : query.OrderByDescending(i => i.DetectedAt),
            "lastSeenAt" => Ascending ? query.OrderBy(i => i.LastSeenAt) : query.OrderByDescending(i => i.LastSeenAt),
            "severity" => Ascending ? query.OrderBy(i => i.SeverityLevel).ThenBy(i => i.OpenedAt) : query.OrderByDescending(i => i.SeverityLevel).ThenByDescending(i => i.OpenedAt),
            "status" => Ascending ? query.OrderBy(i => i.Status).ThenByDescending(i => i.OpenedAt) : query.OrderByDescending(i => i.Status).ThenByDescending(i => i.OpenedAt),
            "title" => Ascending ? query.OrderBy(i => i.Title) : query.OrderByDescending(i => i.Title),
            _ => throw new InvalidOperationException($"unknown sort {Sort}"),
        };
        return ordered.ThenBy(i => i.Id);
    }

    [GeneratedRegex(@"^[A-Za-z]{1,10}-\d{4}-\d{1,10}$")]
    private static partial Regex IncidentNumber();
}
