using System.Text.RegularExpressions;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// Replies to SMS notices, relayed by the SMS gateway (an API key of role <c>sms-gateway</c>, nobody
/// else): a reply whose first code-like word is a live notification's acknowledgement code, sent from
/// one of that notification's phone numbers (compared in E.164, so 0912…, +84 912… and 0084 912… are one number), acknowledges its engagement (channel <c>sms</c>). A code is
/// live for <c>Notifications:AcknowledgeLinkLifetime</c> from the latest sending of its notice, while the notice is unacknowledged,
/// its engagement still waits for an acknowledgement and its incident is open. Every other reply gets
/// one and the same answer, so the endpoint tells nothing about which codes exist or whose they are.
/// </summary>
public static partial class SmsReplyEndpoints
{
    public sealed record InboundSms(string? From, string? Text);

    /// <summary>What the reply did: <c>acknowledged</c>.</summary>
    public sealed record InboundSmsResult(string Result, Guid NotificationId, Guid? EngagementId, string IncidentNumber, string Unit, string? EngagementState);

    public static IEndpointRouteBuilder MapSmsReplies(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/v1/sms/inbound", InboundAsync).WithTags("Engagements").RequireAuthorization(AccessPolicies.Inbound)
            .RequireRateLimiting(RateLimitPolicies.SmsInbound).Produces<InboundSmsResult>().ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    /// <summary>The one code a reply is read for: its first code-like word. A text full of codes tries one, not all.</summary>
    public static string? CodeOf(string text) => CodePattern().Match(text.ToUpperInvariant()) is { Success: true } match ? match.Value : null;

    private static async Task<IResult> InboundAsync(
        HttpContext http, NotificationsDbContext db, EngagementActions actions, IOptions<NotificationsOptions> options, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var (request, _, problem) = await http.Request.ReadJsonAsync<InboundSms>();
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request!.From))
        {
            errors["from"] = ["Bắt buộc: số điện thoại người gửi / required: the sender's phone number"];
        }
        else if (PhoneNumber.ToE164(request.From) is null)
        {
            errors["from"] = [PhoneNumber.Problem(request.From.Length <= 40 ? request.From : request.From[..40])];
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 2000)
        {
            errors["text"] = ["Bắt buộc, tối đa 2000 ký tự / required, at most 2000 characters"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var now = time.GetUtcNow();
        var code = CodeOf(request.Text!) ?? string.Empty;
        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.AcknowledgeCode == code, cancellationToken);
        var sender = PhoneNumber.ToE164(request.From!);
        if (notification is null
            || !DirectoryJson.Channels(notification.Destinations).Any(c => c.Channel == "sms" && PhoneNumber.ToE164(c.Address) == sender)
            || !await IsLiveAsync(db, notification, now - options.Value.AcknowledgeLinkLifetime, cancellationToken))
        {
            return NoLiveCode();
        }

        string? state = null;
        if (notification.EngagementId is { } engagementId)
        {
            var change = await actions.ApplyAsync(engagementId, EngagementAction.Acknowledge, new EngagementActor(notification.RecipientName, "sms"), null,
                notification.Id, null, cancellationToken);
            if (change.Outcome is EngagementOutcome.NotFound or EngagementOutcome.AlreadyUsed)
            {
                return NoLiveCode(); // acknowledged in the meantime: the code has just expired
            }

            state = change.Engagement?.State;
        }
        else
        {
            db.Notifications.Attach(notification);
            notification.AcknowledgedAt = now;
            notification.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return NoLiveCode();
            }
        }

        return Results.Ok(new InboundSmsResult("acknowledged", notification.Id, notification.EngagementId, notification.IncidentNumber, notification.UnitCode, state));
    }

    /// <summary>Whether the code still acts: its latest sending within the lifetime, notice unacknowledged, engagement waiting, incident open.</summary>
    private static async Task<bool> IsLiveAsync(NotificationsDbContext db, Notification notification, DateTimeOffset issuedAfter, CancellationToken cancellationToken)
    {
        if (notification.LastSentAt <= issuedAfter || notification.AcknowledgedAt is not null)
        {
            return false;
        }

        if (await db.Incidents.AsNoTracking().AnyAsync(i => i.IncidentId == notification.IncidentId && i.Status == IncidentStatuses.Closed, cancellationToken))
        {
            return false;
        }

        return notification.EngagementId is not { } engagementId
            || await db.Engagements.AsNoTracking().AnyAsync(e => e.Id == engagementId && e.State == EngagementStates.Notified, cancellationToken);
    }

    /// <summary>The one answer to every reply that acknowledges nothing: unknown code, another phone's code, an expired or used one.</summary>
    private static IResult NoLiveCode() => Problems.Status(StatusCodes.Status404NotFound,
        "Không có mã xác nhận hợp lệ / No valid acknowledgement code",
        "Tin nhắn không chứa mã xác nhận còn hiệu lực của số điện thoại này; không có gì thay đổi / the message holds no live acknowledgement code of this phone number; nothing changed");

    [GeneratedRegex("(?<![A-Z0-9])[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
