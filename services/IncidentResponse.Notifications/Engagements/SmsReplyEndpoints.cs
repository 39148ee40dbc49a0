using System.Text.RegularExpressions;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>
/// Replies to SMS notices, relayed by the SMS gateway (an <c>integration</c> key): a reply that
/// carries a notification's acknowledgement code, sent from one of that notification's phone
/// numbers, acknowledges its engagement (channel <c>sms</c>). Anything else changes nothing.
/// </summary>
public static partial class SmsReplyEndpoints
{
    public sealed record InboundSms(string? From, string? Text);

    /// <summary>What the reply did: <c>acknowledged</c>, or <c>already-acknowledged</c> when its code was used before.</summary>
    public sealed record InboundSmsResult(string Result, Guid NotificationId, Guid? EngagementId, string IncidentNumber, string Unit, string? EngagementState);

    public static IEndpointRouteBuilder MapSmsReplies(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/v1/sms/inbound", InboundAsync).WithTags("Engagements").RequireAuthorization(AccessPolicies.Inbound)
            .Produces<InboundSmsResult>();
        return endpoints;
    }

    /// <summary>The digits of a phone number, the Vietnamese country code written as the national 0: +84 912…, 84912…, 0912… are one number.</summary>
    public static string NormalisePhone(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        var digits = new string(number.Where(char.IsAsciiDigit).ToArray());
        if (number.TrimStart().StartsWith("00", StringComparison.Ordinal) && digits.StartsWith("0084", StringComparison.Ordinal))
        {
            digits = digits[4..];
            return "0" + digits;
        }

        return digits.StartsWith("84", StringComparison.Ordinal) && digits.Length >= 11 ? "0" + digits[2..] : digits;
    }

    /// <summary>Every eight-character run of the code alphabet in the text, upper-cased.</summary>
    public static IReadOnlyList<string> CodesIn(string text) =>
        CodePattern().Matches(text.ToUpperInvariant()).Select(m => m.Value).Distinct(StringComparer.Ordinal).ToList();

    private static async Task<IResult> InboundAsync(HttpContext http, NotificationsDbContext db, EngagementActions actions, TimeProvider time)
    {
        var cancellationToken = http.RequestAborted;
        var (request, _, problem) = await http.Request.ReadJsonAsync<InboundSms>();
        if (problem is not null)
        {
            return problem;
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request!.From) || NormalisePhone(request.From).Length < 8)
        {
            errors["from"] = ["Bắt buộc: số điện thoại người gửi / required: the sender's phone number"];
        }

        if (string.IsNullOrWhiteSpace(request.Text) || request.Text.Length > 2000)
        {
            errors["text"] = ["Bắt buộc, tối đa 2000 ký tự / required, at most 2000 characters"];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var codes = CodesIn(request.Text!);
        var candidates = codes.Count == 0
            ? []
            : await db.Notifications.AsNoTracking().Where(n => codes.Contains(n.AcknowledgeCode)).ToListAsync(cancellationToken);
        if (candidates.Count == 0)
        {
            return Problems.NotFound("acknowledge code in", $"\"{Shorten(request.Text!)}\"");
        }

        var sender = NormalisePhone(request.From!);
        var notification = candidates.FirstOrDefault(n => DirectoryJson.Channels(n.Destinations)
            .Any(c => c.Channel == "sms" && NormalisePhone(c.Address) == sender));
        if (notification is null)
        {
            return Problems.Unprocessable("Người gửi không khớp / Sender does not match",
                "Mã xác nhận không thuộc số điện thoại này; không có gì thay đổi / the code was not sent to this phone number; nothing changed");
        }

        var result = "acknowledged";
        string? state = null;
        if (notification.EngagementId is { } engagementId)
        {
            var change = await actions.ApplyAsync(engagementId, EngagementAction.Acknowledge, new EngagementActor(notification.RecipientName, "sms"), null,
                notification.Id, null, cancellationToken);
            if (change.Outcome == EngagementOutcome.NotFound)
            {
                return Problems.NotFound("engagement", engagementId);
            }

            result = change.Outcome == EngagementOutcome.AlreadyUsed ? "already-acknowledged" : result;
            state = change.Engagement?.State;
        }
        else if (notification.AcknowledgedAt is null)
        {
            db.Notifications.Attach(notification);
            notification.AcknowledgedAt = time.GetUtcNow();
            notification.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                result = "already-acknowledged";
            }
        }
        else
        {
            result = "already-acknowledged";
        }

        return Results.Ok(new InboundSmsResult(result, notification.Id, notification.EngagementId, notification.IncidentNumber, notification.UnitCode, state));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    [GeneratedRegex("(?<![A-Z0-9])[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}(?![A-Z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex CodePattern();
}
