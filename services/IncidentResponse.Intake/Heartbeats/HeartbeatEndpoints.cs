using System.Text.RegularExpressions;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Api.Heartbeats;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Heartbeats;

/// <summary>
/// Coordinators require a source to report in, change or remove the requirement (each audited); the source pings with its
/// integration key.
/// </summary>
public static partial class HeartbeatEndpoints
{
    public const int MinIntervalSeconds = 1;
    public const int MaxIntervalSeconds = 7 * 24 * 3600;

    public sealed record DefineHeartbeat(Guid? IntegrationId, int? IntervalSeconds);

    public static IEndpointRouteBuilder MapHeartbeatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var heartbeats = endpoints.MapGroup("/api/v1/heartbeats").WithTags("Machine intake");
        heartbeats.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<HeartbeatView>>();
        heartbeats.MapPut("/{name}", DefineAsync).RequireAuthorization(AccessPolicies.Administer).Produces<HeartbeatView>().ProducesValidationProblem();
        heartbeats.MapDelete("/{name}", DeleteAsync).RequireAuthorization(AccessPolicies.Administer)
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        heartbeats.MapPost("/{name}/ping", PingAsync).RequireAuthorization(AccessPolicies.HeartbeatPing).RequireRateLimiting(RateLimitPolicies.Heartbeat)
            .Produces<HeartbeatView>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,99}$")]
    private static partial Regex NamePattern();

    private static async Task<IResult> ListAsync(IntakeDbContext db, CancellationToken cancellationToken) =>
        Results.Ok((await db.Heartbeats.AsNoTracking().OrderBy(h => h.Name).ToListAsync(cancellationToken)).Select(View).ToList());

    private static async Task<IResult> DefineAsync(string name, HttpContext http, IntakeDbContext db, AccessDbContext access, TimeProvider time)
    {
        var read = await http.Request.ReadJsonAsync<DefineHeartbeat>();
        if (read.Problem is not null)
        {
            return read.Problem;
        }

        var request = read.Value!;
        var errors = new Dictionary<string, string[]>();
        if (!NamePattern().IsMatch(name))
        {
            errors["name"] = ["Chữ thường, số, . _ -, tối đa 100 ký tự / lowercase letters, digits, . _ -, at most 100 characters"];
        }

        if (request.IntervalSeconds is not (>= MinIntervalSeconds and <= MaxIntervalSeconds))
        {
            errors["intervalSeconds"] = [$"Từ {MinIntervalSeconds} đến {MaxIntervalSeconds} / {MinIntervalSeconds} to {MaxIntervalSeconds}"];
        }

        // Only a heartbeat key that is not revoked can ping: on any other, the heartbeat would only ever be missed.
        if (request.IntegrationId is not { } integrationId
            || !await access.Integrations.AnyAsync(i => i.Id == integrationId && i.Kind == IntegrationKinds.Heartbeat, http.RequestAborted)
            || await access.ApiKeys.AnyAsync(k => k.Id == integrationId && k.RevokedAt != null, http.RequestAborted))
        {
            errors["integrationId"] = ["Một khóa tích hợp loại heartbeat đã cấp, chưa thu hồi / an issued integration of kind heartbeat, not revoked"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var (saved, before) = await db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            var heartbeat = await db.Heartbeats.FirstOrDefaultAsync(h => h.Name == name, http.RequestAborted);
            // A missed heartbeat's alert is its source's: moving it to another source would leave that alert open for ever.
            // Read in the attempt, so a miss recorded meanwhile fails the save (its version) and is seen on the retry.
            if (heartbeat is { Status: HeartbeatStatuses.Missed } missed && missed.IntegrationId != request.IntegrationId)
            {
                return ((Heartbeat?)null, (string?)null);
            }

            var previous = heartbeat is null ? null : Audited(heartbeat);
            if (heartbeat is null)
            {
                heartbeat = new Heartbeat { Name = name, Status = HeartbeatStatuses.Waiting, CreatedAt = now };
                db.Heartbeats.Add(heartbeat);
            }

            heartbeat.IntegrationId = request.IntegrationId!.Value;
            heartbeat.IntervalSeconds = request.IntervalSeconds!.Value;
            heartbeat.DueAt = (heartbeat.LastPingAt ?? now).AddSeconds(heartbeat.IntervalSeconds);
            heartbeat.Version++;
            await db.SaveChangesAsync(CancellationToken.None); // a begun write finishes, as for reports
            return ((Heartbeat?)heartbeat, previous);
        }, http.RequestAborted);
        if (saved is null)
        {
            return Problems.Validation("integrationId",
                "Tín hiệu đang mất: chờ tín hiệu trở lại hoặc gỡ bỏ rồi đặt lại / the heartbeat is missed: wait for its ping, or remove it and define it again");
        }

        access.Record(http.User, time, before is null ? "heartbeat.defined" : "heartbeat.changed", Subject(name), before, Audited(saved));
        await access.SaveChangesAsync(CancellationToken.None);
        return Results.Ok(View(saved));
    }

    /// <summary>
    /// Removes the requirement: the monitor stops looking for it and its key's pings answer <c>404</c>. Its open
    /// "heartbeat missed" alert is resolved in the same transaction, as a returning ping would (the incident stays open with
    /// the removal on its timeline; a report a maintenance window holds is rejected), so the name starts afresh if defined
    /// again. Who removed it is in the audit log.
    /// </summary>
    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IntakeDbContext db, AccessDbContext access, AlertIntake alerts, TimeProvider time)
    {
        var heartbeat = await db.Heartbeats.AsNoTracking().FirstOrDefaultAsync(h => h.Name == name, http.RequestAborted);
        // A missed heartbeat keeps its source until it pings or is removed (DefineAsync), so its open alert is under that source.
        var dedupKey = HeartbeatAlerts.DedupKey(name);
        var integration = heartbeat is null ? null
            : await access.Integrations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == heartbeat.IntegrationId, http.RequestAborted);
        string? removed = null;
        async Task<bool> Remove(CancellationToken c)
        {
            var current = await db.Heartbeats.FirstOrDefaultAsync(h => h.Name == name, c);
            removed = null;
            if (current is null)
            {
                return false; // removed meanwhile
            }

            removed = Audited(current);
            db.Heartbeats.Remove(current);
            return true;
        }

        if (integration is not null)
        {
            await alerts.ApplyAsync(HeartbeatAlerts.Source(integration), AlertAction.Resolve, dedupKey,
                $"{name}: yêu cầu tín hiệu định kỳ đã được gỡ bỏ / heartbeat removed", () => throw new InvalidOperationException("a resolve files no report"),
                http.RequestAborted, Remove);
        }
        else if (heartbeat is not null)
        {
            await db.RetryOnConflictAsync(async () =>
            {
                if (await Remove(http.RequestAborted))
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }

                return true;
            }, http.RequestAborted);
        }

        if (removed is null)
        {
            return Problems.NotFound("heartbeat", name);
        }

        access.Record(http.User, time, "heartbeat.deleted", Subject(name), removed, null);
        await access.SaveChangesAsync(CancellationToken.None);
        return Results.NoContent();
    }

    private static string Subject(string name) => "heartbeat:" + name;

    /// <summary>What the audit log keeps of a heartbeat: its source, interval and state.</summary>
    private static string Audited(Heartbeat h) =>
        System.Text.Json.JsonSerializer.Serialize(new { integrationId = h.IntegrationId, intervalSeconds = h.IntervalSeconds, status = h.Status });

    private static async Task<IResult> PingAsync(string name, HttpContext http, IntakeDbContext db, AccessDbContext access, AlertIntake alerts, TimeProvider time)
    {
        var integration = await access.FindByActorAsync(http.User.ActorId(), http.RequestAborted);
        var heartbeat = await db.Heartbeats.AsNoTracking().FirstOrDefaultAsync(h => h.Name == name, http.RequestAborted);
        if (heartbeat is null || integration is null || heartbeat.IntegrationId != integration.Id)
        {
            // Another source's heartbeat is not found either: names are not disclosed.
            return Problems.NotFound("heartbeat", name);
        }

        Heartbeat? pinged = null;
        async Task<bool> Ping(CancellationToken c)
        {
            var now = time.GetUtcNow();
            pinged = await db.Heartbeats.FirstOrDefaultAsync(h => h.Name == name, c);
            if (pinged is null)
            {
                return false; // removed meanwhile
            }

            pinged.Status = HeartbeatStatuses.Up;
            pinged.LastPingAt = now;
            pinged.DueAt = now.AddSeconds(pinged.IntervalSeconds);
            pinged.MissedAt = null;
            pinged.Version++;
            return true;
        }

        if (heartbeat.Status == HeartbeatStatuses.Missed)
        {
            // The return and the heartbeat's new state commit together; the return goes on the incident's timeline.
            await alerts.ApplyAsync(HeartbeatAlerts.Source(integration), AlertAction.Resolve, HeartbeatAlerts.DedupKey(name),
                $"{name}: tín hiệu trở lại / heartbeat is back", () => throw new InvalidOperationException("a resolve files no report"),
                http.RequestAborted, Ping);
        }
        else
        {
            await db.RetryOnConflictAsync(async () =>
            {
                if (await Ping(http.RequestAborted))
                {
                    await db.SaveChangesAsync(CancellationToken.None); // a begun write finishes, as for reports
                }

                return true;
            }, http.RequestAborted);
        }

        if (pinged is null)
        {
            return Problems.NotFound("heartbeat", name);
        }

        return Results.Accepted($"/api/v1/heartbeats/{name}", View(pinged!));
    }

    private static HeartbeatView View(Heartbeat h) => new(h.Name, h.IntegrationId, h.IntervalSeconds, h.Status, h.LastPingAt, h.DueAt, h.MissedAt);
}
