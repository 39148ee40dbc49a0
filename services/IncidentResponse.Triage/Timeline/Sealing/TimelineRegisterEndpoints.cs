using System.Data;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>
/// <c>GET /api/v1/timeline/verify</c>: every incident's timeline verified against the keys and the checkpoints,
/// and every incident a checkpoint names that the database no longer has. For coordinators.
/// </summary>
public static class TimelineRegisterEndpoints
{
    public static void MapTimelineRegister(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/timeline/verify", VerifyAllAsync).WithTags("Incidents")
            .RequireAuthorization(AccessPolicies.Administer).Produces<TimelineRegisterVerification>();
    }

    private static async Task<IResult> VerifyAllAsync(TriageDbContext db, TimelineCheckpointLog checkpoints, TimeProvider time, CancellationToken cancellationToken)
    {
        var history = await checkpoints.ReadAsync(cancellationToken);
        var failures = new List<IncidentTimelineProblem>();
        var (incidents, entries, keyed, legacy) = (0, 0, 0, 0);
        await using (var snapshot = await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken))
        {
            var known = new HashSet<Guid>();
            foreach (var incident in await db.Incidents.AsNoTracking().OrderBy(i => i.OpenedAt).ToListAsync(cancellationToken))
            {
                known.Add(incident.Id);
                var result = await db.VerifyAsync(incident, history, cancellationToken);
                (incidents, entries, keyed, legacy) = (incidents + 1, entries + result.Entries, keyed + result.KeyedEntries, legacy + result.LegacyEntries);
                if (!result.Valid)
                {
                    failures.Add(new IncidentTimelineProblem(incident.Id, incident.Number, result.Problems, result.Checkpoint));
                }
            }

            foreach (var gone in history.Incidents.Where(id => !known.Contains(id)))
            {
                var last = history.Latest(gone)!;
                failures.Add(new IncidentTimelineProblem(gone, history.NumberOf(gone),
                    [$"checkpoint #{last.Sequence} of {last.At:u} recorded this incident with {last.Length} entries; the database no longer has it"],
                    new TimelineCheckpointStatus("diverged", history.For(gone).Count, null, history.For(gone)[0])));
            }
        }

        return Results.Ok(new TimelineRegisterVerification(
            failures.Count == 0 && history.Problems.Count == 0, time.GetUtcNow(), incidents, entries, keyed, legacy,
            history.Checkpoints.Count, history.Last?.Sequence, history.Last?.Instant, history.Problems, failures));
    }
}
