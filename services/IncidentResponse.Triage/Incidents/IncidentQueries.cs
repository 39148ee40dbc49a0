using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Timeline;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static IncidentResponse.Triage.Incidents.IncidentViews;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Reading incidents: the register (the list with search and filters), one incident with its explanation, its timeline and the timeline's verification.</summary>
public static class IncidentQueries
{
    public const int MaxPageSize = RegisterQuery.MaxPageSize;

    public static RouteGroupBuilder MapIncidentQueries(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<PageOf<IncidentSummary>>();
        incidents.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.Read).Produces<IncidentDetail>();
        incidents.MapGet("/{id:guid}/timeline", TimelineAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<TimelineEntryView>>();
        incidents.MapGet("/{id:guid}/timeline/verify", VerifyAsync).RequireAuthorization(AccessPolicies.Read).Produces<TimelineVerification>();
        return incidents;
    }

    /// <summary>The register: every incident, open and closed, searched, filtered, sorted and paged (see <see cref="RegisterFilter"/>).</summary>
    private static async Task<IResult> ListAsync(TriageDbContext db, TimeProvider time, [AsParameters] RegisterQuery register, CancellationToken cancellationToken)
    {
        var (filter, errors) = register.Parse();
        if (filter is null)
        {
            return Problems.Validation(errors);
        }

        var query = filter.Apply(db, db.Incidents.AsNoTracking());
        var total = await query.CountAsync(cancellationToken);
        var items = await filter.Order(query).Include(i => i.Deadlines)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return Results.Ok(new PageOf<IncidentSummary>(items.Select(i => Summary(i, now)).ToList(), filter.Page, filter.PageSize, total));
    }

    /// <summary>At most this many reports in an incident's detail: the first and the latest (<c>reportCount</c> counts them all).</summary>
    public const int MaxReportsShown = 200;

    private static readonly System.Linq.Expressions.Expression<Func<IncidentReportLink, ReportLinkView>> LinkView =
        r => new ReportLinkView(r.ReportId, r.Title, r.Channel, r.ReceivedAt, r.Level, r.Score, r.Serious);

    private static async Task<IResult> GetAsync(Guid id, TriageDbContext db, Policy.RuleBook rules, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        // Bounded (review M4e: an alert storm can add thousands of reports): the one that opened it and the latest, without their bodies.
        var links = db.IncidentReports.AsNoTracking().Where(r => r.IncidentId == id);
        var first = await links.OrderBy(r => r.ReceivedAt).Take(1).Select(LinkView).ToListAsync(cancellationToken);
        var latest = await links.OrderByDescending(r => r.ReceivedAt).Take(MaxReportsShown - 1).Select(LinkView).ToListAsync(cancellationToken);
        var reports = first.Concat(latest).DistinctBy(r => r.ReportId).OrderBy(r => r.ReceivedAt).ToList();
        return Results.Ok(Detail(incident, reports, rules.Regimes));
    }

    /// <summary>At most this many timeline entries per read (<c>latest</c>'s default and largest value).</summary>
    public const int MaxTimelineRead = 5000;

    /// <summary>
    /// The latest <paramref name="latest"/> entries (before sequence <paramref name="before"/> when given), in order;
    /// <c>X-Total-Count</c> says how many the incident has, so a reader knows what it was not given.
    /// </summary>
    private static async Task<IResult> TimelineAsync(
        Guid id, TriageDbContext db, HttpContext http, CancellationToken cancellationToken, int latest = MaxTimelineRead, int? before = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (latest is < 1 or > MaxTimelineRead)
        {
            errors["latest"] = [$"1 ≤ latest ≤ {MaxTimelineRead}"];
        }

        if (before is < 1)
        {
            errors["before"] = ["before ≥ 1 (a sequence number)"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var length = await db.Incidents.AsNoTracking().Where(i => i.Id == id).Select(i => (int?)i.TimelineLength).FirstOrDefaultAsync(cancellationToken);
        if (length is null)
        {
            return Problems.NotFound("incident", id);
        }

        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id && (before == null || e.Sequence < before))
            .OrderByDescending(e => e.Sequence).Take(latest).ToListAsync(cancellationToken);
        // Sequences run 1..length without gaps, and entries appended after the count was read (partner activity arrives
        // at any time) are already in a latest page: the count is never less than the last sequence listed, so a
        // reader can tell what it was not given from the page alone.
        var total = Math.Max(length.Value, entries.Count > 0 ? entries[0].Sequence : 0);
        http.Response.Headers["X-Total-Count"] = total.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Ok(entries.OrderBy(e => e.Sequence).Select(Entry).ToList());
    }

    private static async Task<IResult> VerifyAsync(Guid id, TriageDbContext db, TimelineCheckpointLog checkpoints, CancellationToken cancellationToken)
    {
        // The checkpoints first, then the incident's head and its entries from one snapshot: an entry appended in
        // between (partner activity arrives at any time) must not look like tampering, and every checkpoint read
        // recorded a state committed before the snapshot.
        var history = await checkpoints.ReadAsync(cancellationToken);
        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var incident = await db.Incidents.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return incident is null ? Problems.NotFound("incident", id) : Results.Ok(await db.VerifyAsync(incident, history, cancellationToken));
    }
}
