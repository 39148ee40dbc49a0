using IncidentResponse.Contracts.Api.Notifications;
using System.Security.Claims;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// An engagement and its milestones over the API. The committee (coordinator, operator) acts on
/// any engagement; a responder key only on its own unit's (others look absent: 404); viewers read.
/// </summary>
public static class EngagementEndpoints
{
    public const int MaxReasonLength = 2000;
    public const int MaxSummaryLength = 4000;

    /// <summary>An engagement as the API writes it.</summary>
    public static EngagementDetail Detail(Engagement e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Id, e.IncidentId, e.IncidentNumber, e.UnitCode, e.RuleId, e.RoutingVersion, e.SeverityLevel, e.Serious, e.State, e.EngagedAt,
            e.AcknowledgedAt, e.AcknowledgedBy, e.AcknowledgedVia, e.AcceptedAt, e.AcceptedBy, e.DeclinedAt, e.DeclinedBy, e.DeclineReason, e.HandedTo,
            e.ResolvedAt, e.ResolvedBy, e.ResolutionSummary, e.CurrentRound, e.CurrentStep, e.EngagedBy, e.EngagedReason);
    }

    public sealed record DeclineRequest(string? Reason);

    public sealed record ResolveRequest(string? Summary);

    public sealed record NoteRequest(string? Text);

    /// <summary>Engage a unit by hand: its directory code and why.</summary>
    public sealed record EngageRequest(string? Unit, string? Reason);

    public static IEndpointRouteBuilder MapEngagements(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/api/v1/engagements").WithTags("Engagements");
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.ReadEngagement).Produces<EngagementDetail>();
        group.MapPost("/{id:guid}/acknowledge", (Guid id, HttpContext http, EngagementActions actions) => ActAsync(id, EngagementAction.Acknowledge, null, http, actions))
            .RequireAuthorization(AccessPolicies.Respond).Produces<EngagementDetail>();
        group.MapPost("/{id:guid}/accept", (Guid id, HttpContext http, EngagementActions actions) => ActAsync(id, EngagementAction.Accept, null, http, actions))
            .RequireAuthorization(AccessPolicies.Respond).Produces<EngagementDetail>();
        group.MapPost("/{id:guid}/decline", DeclineAsync).RequireAuthorization(AccessPolicies.Respond).Produces<EngagementDetail>();
        group.MapPost("/{id:guid}/resolve", ResolveAsync).RequireAuthorization(AccessPolicies.Respond).Produces<EngagementDetail>();
        group.MapPost("/{id:guid}/notes", NoteAsync).RequireAuthorization(AccessPolicies.Respond).Produces<NoteView>(StatusCodes.Status201Created);
        endpoints.MapPost("/api/v1/incidents/{id:guid}/engagements", EngageAsync).WithTags("Engagements")
            .RequireAuthorization(AccessPolicies.Manage).Produces<EngagementDetail>(StatusCodes.Status201Created).Produces<EngagementDetail>();
        return endpoints;
    }

    /// <summary>A responder sees its own unit's engagements only; everyone else the endpoint lets in sees all.</summary>
    public static Func<Engagement, bool>? VisibleTo(ClaimsPrincipal user)
    {
        var unit = user.ResponderUnit();
        return unit is null ? null : e => string.Equals(e.UnitCode, unit, StringComparison.Ordinal);
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var engagement = await db.Engagements.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var visible = VisibleTo(http.User);
        return engagement is null || (visible is not null && !visible(engagement))
            ? Problems.NotFound("engagement", id)
            : Results.Ok(DetailFor(http.User, engagement));
    }

    /// <summary>
    /// An engagement as <paramref name="user"/> reads it: a responder is not given the committee's words on why its unit was
    /// engaged by hand (only that there were some): those reach it with the notice and the portal, as far as TLP allows.
    /// </summary>
    private static EngagementDetail DetailFor(ClaimsPrincipal user, Engagement engagement)
    {
        var detail = Detail(engagement);
        return user.ResponderUnit() is null ? detail : detail with { EngagedReason = Disclosure.Redaction.Withhold(detail.EngagedReason) };
    }

    private static async Task<IResult> DeclineAsync(Guid id, HttpContext http, EngagementActions actions)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<DeclineRequest>();
        if (problem is not null)
        {
            return problem;
        }

        var reason = request!.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength)
        {
            return Problems.Validation("reason", $"Bắt buộc: lý do từ chối, tối đa {MaxReasonLength} ký tự / required: why the unit declines, at most {MaxReasonLength} characters");
        }

        if (HiddenCharacters.In(reason))
        {
            return Problems.Validation("reason", HiddenCharacters.Problem);
        }

        return await ActAsync(id, EngagementAction.Decline, reason, http, actions);
    }

    private static async Task<IResult> ResolveAsync(Guid id, HttpContext http, EngagementActions actions)
    {
        string? summary = null;
        if (http.Request.ContentLength is > 0 || http.Request.HasJsonContentType())
        {
            var (request, raw, problem) = await http.Request.ReadJsonAsync<ResolveRequest>();
            if (problem is not null && raw.Length > 0)
            {
                return problem;
            }

            summary = request?.Summary?.Trim();
            if (summary is { Length: > MaxSummaryLength })
            {
                return Problems.Validation("summary", $"Tối đa {MaxSummaryLength} ký tự / at most {MaxSummaryLength} characters");
            }

            if (HiddenCharacters.In(summary))
            {
                return Problems.Validation("summary", HiddenCharacters.Problem);
            }
        }

        return await ActAsync(id, EngagementAction.Resolve, summary, http, actions);
    }

    private static async Task<IResult> NoteAsync(Guid id, HttpContext http, EngagementNotes notes)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<NoteRequest>();
        if (problem is not null)
        {
            return problem;
        }

        var text = request!.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > EngagementNotes.MaxLength)
        {
            return Problems.Validation("text", $"Bắt buộc: nội dung ghi chú, tối đa {EngagementNotes.MaxLength} ký tự / required: the note, at most {EngagementNotes.MaxLength} characters");
        }

        if (HiddenCharacters.In(text))
        {
            return Problems.Validation("text", HiddenCharacters.Problem);
        }

        var actor = new EngagementActor(http.User.ActorName(), http.User.ActorChannel());
        var note = await notes.AddAsync(id, actor, text, VisibleTo(http.User), http.RequestAborted);
        return note is null
            ? Problems.NotFound("engagement", id)
            : Results.Created($"/api/v1/engagements/{id}", new NoteView(note.NoteId, note.EngagementId, note.IncidentId, note.UnitCode, note.Text, note.AddedBy, note.Channel, note.AddedAt));
    }

    /// <summary>
    /// The committee engages a unit on an incident (<see cref="ManualEngagements"/>): <c>201</c> with the new engagement,
    /// <c>200</c> with the one that stands when the unit is on it already.
    /// </summary>
    private static async Task<IResult> EngageAsync(Guid id, HttpContext http, ManualEngagements engagements)
    {
        var (request, _, problem) = await http.Request.ReadJsonAsync<EngageRequest>();
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        var unit = request!.Unit?.Trim();
        if (string.IsNullOrEmpty(unit))
        {
            errors["unit"] = ["Bắt buộc: mã đơn vị trong danh bạ / required: the unit's code in the directory"];
        }
        else if (unit.Length > 40)
        {
            errors["unit"] = ["Mã đơn vị tối đa 40 ký tự / a unit's code has at most 40 characters"];
        }

        // A browser counts a line break as one character and sends it as two: counted as the person typed it.
        var reason = request.Reason?.Trim().ReplaceLineEndings("\n");
        if (string.IsNullOrEmpty(reason) || reason.Length > MaxReasonLength || reason.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
        {
            errors["reason"] = [$"Bắt buộc: lý do phân công, tối đa {MaxReasonLength} ký tự, không chứa ký tự điều khiển / required: why the unit is engaged, at most {MaxReasonLength} characters, no control characters"];
        }
        else if (HiddenCharacters.In(request.Reason))
        {
            errors["reason"] = [HiddenCharacters.Problem];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var actor = new EngagementActor(http.User.ActorName(), http.User.ActorChannel());
        var result = await engagements.EngageAsync(id, unit!, reason!, actor, http.RequestAborted);
        return result.Outcome switch
        {
            ManualEngagementOutcome.Engaged => Results.Created($"/api/v1/engagements/{result.Engagement!.Id}", Detail(result.Engagement)),
            ManualEngagementOutcome.AlreadyEngaged => Results.Ok(Detail(result.Engagement!)),
            ManualEngagementOutcome.UnknownUnit => Problems.Validation("unit", $"Không có đơn vị đang hoạt động với mã '{unit}' / no active unit has the code '{unit}'"),
            ManualEngagementOutcome.Conflict => Problems.Conflict(result.Detail!),
            _ => Problems.NotFound("incident", id),
        };
    }

    private static async Task<IResult> ActAsync(Guid id, EngagementAction action, string? text, HttpContext http, EngagementActions actions)
    {
        var actor = new EngagementActor(http.User.ActorName(), http.User.ActorChannel());
        var change = await actions.ApplyAsync(id, action, actor, text, null, VisibleTo(http.User), http.RequestAborted);
        return change.Outcome switch
        {
            EngagementOutcome.Changed or EngagementOutcome.Unchanged => Results.Ok(DetailFor(http.User, change.Engagement!)),
            EngagementOutcome.Invalid => Problems.Conflict(change.Detail ?? "invalid transition"),
            _ => Problems.NotFound("engagement", id),
        };
    }
}
