using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Timeline;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using static IncidentResponse.Triage.Incidents.IncidentViews;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Reading incidents: the list with filters, one incident with its explanation, its timeline and the timeline's verification.</summary>
public static class IncidentQueries
{
    public const int MaxPageSize = 200;

    public static RouteGroupBuilder MapIncidentQueries(this RouteGroupBuilder incidents)
    {
        ArgumentNullException.ThrowIfNull(incidents);
        incidents.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<PageOf<IncidentSummary>>();
        incidents.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.Read).Produces<IncidentDetail>();
        incidents.MapGet("/{id:guid}/timeline", TimelineAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<TimelineEntryView>>();
        incidents.MapGet("/{id:guid}/timeline/verify", VerifyAsync).RequireAuthorization(AccessPolicies.Read).Produces<TimelineVerification>();
        return incidents;
    }

    private static async Task<IResult> ListAsync(
        TriageDbContext db, TimeProvider time, CancellationToken cancellationToken,
        string? status = null, int? severity = null, int? minSeverity = null, string? @class = null, bool? serious = null, bool? drill = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        var statuses = status?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
        if (statuses.Any(s => !Lifecycle.Statuses.Contains(s) && s != IncidentStatuses.Open))
        {
            errors["status"] = [$"Một hoặc nhiều trong / one or more of: open, {string.Join(", ", Lifecycle.Statuses)}"];
        }

        if (severity is < 0 or > 5 || minSeverity is < 0 or > 5)
        {
            errors["severity"] = ["Từ 0 đến 5 / 0 to 5"];
        }

        if (@class is not null && !Rsit.Classes.ContainsKey(@class) && !Rsit.IsKnown(@class))
        {
            errors["class"] = ["Lớp RSIT hoặc lớp:kiểu / an RSIT class or class:type"];
        }

        if (page < 1 || pageSize is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"page ≥ 1, 1 ≤ pageSize ≤ {MaxPageSize}"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = db.Incidents.AsNoTracking().Include(i => i.Deadlines).AsQueryable();
        if (statuses.Contains(IncidentStatuses.Open))
        {
            query = query.Where(i => i.Status != Lifecycle.Closed);
        }
        else if (statuses.Length > 0)
        {
            query = query.Where(i => statuses.Contains(i.Status));
        }

        if (severity is not null)
        {
            query = query.Where(i => i.SeverityLevel == severity);
        }

        if (minSeverity is not null)
        {
            query = query.Where(i => i.SeverityLevel >= minSeverity);
        }

        if (@class is not null)
        {
            query = @class.Contains(':', StringComparison.Ordinal)
                ? query.Where(i => i.Classification == @class)
                : query.Where(i => i.Classification.StartsWith(@class + ":"));
        }

        if (serious is not null)
        {
            query = query.Where(i => i.Serious == serious);
        }

        if (drill is not null)
        {
            query = query.Where(i => i.Drill == drill);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(i => i.SeverityLevel).ThenByDescending(i => i.LastSeenAt)
            .Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        var now = time.GetUtcNow();
        return Results.Ok(new PageOf<IncidentSummary>(items.Select(i => Summary(i, now)).ToList(), page, pageSize, total));
    }

    private static async Task<IResult> GetAsync(Guid id, TriageDbContext db, Policy.RuleBook rules, CancellationToken cancellationToken)
    {
        var incident = await db.Incidents.AsNoTracking().Include(i => i.Deadlines).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (incident is null)
        {
            return Problems.NotFound("incident", id);
        }

        var reports = await db.IncidentReports.AsNoTracking().Where(r => r.IncidentId == id).OrderBy(r => r.ReceivedAt).ToListAsync(cancellationToken);
        return Results.Ok(Detail(incident, reports, rules.Regimes));
    }

    private static async Task<IResult> TimelineAsync(Guid id, TriageDbContext db, CancellationToken cancellationToken)
    {
        if (!await db.Incidents.AnyAsync(i => i.Id == id, cancellationToken))
        {
            return Problems.NotFound("incident", id);
        }

        var entries = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        return Results.Ok(entries.Select(Entry).ToList());
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
