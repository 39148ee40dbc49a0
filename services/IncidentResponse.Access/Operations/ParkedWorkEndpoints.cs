using System.Security.Claims;
using System.Text.Json;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.Data;
using IncidentResponse.Access.People;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Access.Operations;

/// <summary>
/// Coordinators see and resolve stuck work in this Host's service databases: messages whose consumer
/// kept failing (waiting for redelivery or parked) and outbox rows the relay quarantined. Replay and
/// discard are written to the administration audit log (the action, then its entry: the two live in
/// different databases, so they cannot share a transaction).
/// </summary>
public static partial class ParkedWorkEndpoints
{
    public const int MaxLimit = 500;

    public static IEndpointRouteBuilder MapParkedWork(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/v1/parked-work").RequireAuthorization(AccessPolicies.Administer).WithTags("Access");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/replay", ReplayAsync);
        group.MapPost("/{id:guid}/discard", DiscardAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(ParkedWork work, CancellationToken cancellationToken, int limit = 100)
    {
        if (limit is < 1 or > MaxLimit)
        {
            return Problems.Validation("limit", $"1–{MaxLimit}");
        }

        return Results.Ok(await work.ListAsync(limit, cancellationToken));
    }

    private static async Task<IResult> GetAsync(Guid id, ParkedWork work, CancellationToken cancellationToken) =>
        await work.GetAsync(id, cancellationToken) is { } item ? Results.Ok(item) : Problems.NotFound("parkedWork", id);

    private static async Task<IResult> ReplayAsync(
        Guid id, ParkedWork work, AccessDbContext db, TimeProvider time, HttpContext http, ILoggerFactory loggers)
    {
        ParkedItem? item;
        try
        {
            item = await work.ReplayAsync(id, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The row is waiting again: the redeliverer sends it after its first delay.
            LogReplayNotSent(loggers.CreateLogger(typeof(ParkedWorkEndpoints)), id, ServiceDefaults.Failures.Describe(ex));
            await RecordAsync(db, http.User, time, "parked-work.replayed", id, await work.GetAsync(id, CancellationToken.None), "not sent now; redelivered later");
            return Problems.Status(StatusCodes.Status503ServiceUnavailable,
                "Chưa gửi lại được / Not sent now",
                "Tin nhắn sẽ được gửi lại tự động sau ít phút / the message is redelivered automatically in a few minutes");
        }

        if (item is null)
        {
            return Problems.NotFound("parkedWork", id);
        }

        var after = item.Kind == ParkedKinds.Deferred ? $"sent to queue {item.Queue}" : "returned to the outbox relay";
        await RecordAsync(db, http.User, time, "parked-work.replayed", id, item, after);
        return Results.Ok(await work.GetAsync(id, CancellationToken.None) ?? item with { State = ParkedWorkStates.Done });
    }

    private static async Task<IResult> DiscardAsync(Guid id, ParkedWork work, AccessDbContext db, TimeProvider time, HttpContext http)
    {
        var item = await work.DiscardAsync(id, CancellationToken.None);
        if (item is null)
        {
            return Problems.NotFound("parkedWork", id);
        }

        await RecordAsync(db, http.User, time, "parked-work.discarded", id, item, null);
        return Results.Ok(item);
    }

    /// <summary>The entry names the message, not its body (which may hold a report's personal data).</summary>
    private static async Task RecordAsync(AccessDbContext db, ClaimsPrincipal actor, TimeProvider time, string action, Guid id, ParkedItem? item, string? after)
    {
        var before = item is null ? null : JsonSerializer.Serialize(new
        {
            item.Kind,
            item.Database,
            item.Queue,
            item.MessageType,
            item.MessageId,
            item.State,
            item.Attempts,
            item.LastError,
        }, JsonOptions);
        db.Record(actor, time, action, $"parked-work:{id}", Cut(before), after);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Cut(string? text) => text is { Length: > 4000 } ? text[..4000] : text;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replay of parked work {Id} could not be sent now: {Reason}")]
    private static partial void LogReplayNotSent(ILogger logger, Guid id, string reason);
}
