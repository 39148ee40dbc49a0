using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.ServiceDefaults.Committee;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Acknowledgements;

/// <summary>
/// The signed link in every notification, <c>/ack/{token}</c>. The token is the credential: it names
/// one notification, expires and works once. A GET only shows what would be acknowledged (mail
/// scanners open links); the POST from that page acknowledges.
/// </summary>
public static class AcknowledgeEndpoints
{
    public static IEndpointRouteBuilder MapAcknowledgeLinks(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/ack/{token}", ShowAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicies.Ack).ExcludeFromDescription();
        endpoints.MapPost("/ack/{token}", AcknowledgeAsync).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(RateLimitPolicies.Ack).ExcludeFromDescription();
        endpoints.MapGet(AcknowledgePage.StylePath, () => Results.Text(AcknowledgePage.Style, "text/css; charset=utf-8")).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> ShowAsync(string token, HttpContext http, LinkSigner links, NotificationsDbContext db, CancellationToken cancellationToken) =>
        ShowPageAsync(token, http, links, db, StatusCodes.Status200OK, cancellationToken);

    private static async Task<IResult> ShowPageAsync(
        string token, HttpContext http, LinkSigner links, NotificationsDbContext db, int status, CancellationToken cancellationToken)
    {
        var (notification, refused) = await FindAsync(token, http, links, db, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (notification!.AcknowledgedAt is { } at)
        {
            return Used(at, notification.TimeZone);
        }

        return Page(status, $"Xác nhận đã nhận thông báo sự cố {notification.IncidentNumber}", $"Acknowledge the notice of incident {notification.IncidentNumber}",
            $"Thông báo gửi tới {notification.RecipientName}. Bấm nút dưới đây để xác nhận đơn vị đã nhận; việc mở liên kết không tự xác nhận.",
            $"Sent to {notification.RecipientName}. Press the button to confirm your unit received it; opening the link alone does not acknowledge.",
            $"/ack/{token}");
    }

    private static async Task<IResult> AcknowledgeAsync(
        string token, HttpContext http, LinkSigner links, NotificationsDbContext db, EngagementActions actions, TimeProvider time, CancellationToken cancellationToken)
    {
        if (FromAnotherSite(http.Request))
        {
            // The browser says the form was sent from another site's page (a page posting links it collected, a dashboard
            // posting a webhook's link): nothing changes, and the page shows its own button, so a person recovers in one press.
            return await ShowPageAsync(token, http, links, db, StatusCodes.Status403Forbidden, cancellationToken);
        }

        var (notification, refused) = await FindAsync(token, http, links, db, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (notification!.AcknowledgedAt is { } used)
        {
            return Used(used, notification.TimeZone);
        }

        if (notification.EngagementId is { } engagementId)
        {
            var change = await actions.ApplyAsync(engagementId, EngagementAction.Acknowledge, new EngagementActor(notification.RecipientName, "link"), null,
                notification.Id, null, cancellationToken);
            if (change.Outcome == EngagementOutcome.AlreadyUsed)
            {
                return Used(change.At, notification.TimeZone);
            }

            if (change.Outcome == EngagementOutcome.NotFound)
            {
                return Invalid();
            }
        }
        else
        {
            // A notice outside any engagement (a legal deadline alert): the link records receipt of it alone.
            db.Notifications.Attach(notification);
            notification.AcknowledgedAt = time.GetUtcNow();
            notification.Version++;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Used(notification.AcknowledgedAt.Value, notification.TimeZone); // the same link was used at the same moment: it works once
            }
        }

        return Page(StatusCodes.Status200OK, "Đã xác nhận", "Acknowledged",
            $"Đã ghi nhận {notification.RecipientName} nhận thông báo sự cố {notification.IncidentNumber}. Cảm ơn.",
            $"Recorded that {notification.RecipientName} received the notice of incident {notification.IncidentNumber}. Thank you.");
    }

    private static async Task<(Notification? Notification, IResult? Refused)> FindAsync(string token, HttpContext http, LinkSigner links, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var check = links.Check(NotificationRequests.AcknowledgePurpose, token);
        if (check.Refusal == "expired")
        {
            return (null, Page(StatusCodes.Status410Gone, "Liên kết đã hết hạn", "This link has expired",
                "Liên kết xác nhận đã hết hạn. Hãy liên hệ Văn phòng thường trực Ban Chỉ đạo.", "The acknowledgement link has expired. Please contact the Steering Committee's standing office."));
        }

        if (!check.Valid || !Guid.TryParseExact(check.Subject, "N", out var id))
        {
            http.RequestServices.GetService<FailedCredentials>()?.Record(http); // a forged link is a guess
            return (null, Invalid());
        }

        var notification = await db.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        return notification is null ? (null, Invalid()) : (notification, null);
    }

    /// <summary>
    /// Whether the browser's <c>Sec-Fetch-Site</c> (its first value) names a page of another origin as the form's source.
    /// Without the header (an older browser, a script, a scanner that is not a browser) the token alone decides. A scanner
    /// that opens the page and presses its button itself sends <c>same-origin</c>: this does not stop it.
    /// </summary>
    internal static bool FromAnotherSite(HttpRequest request) =>
        request.Headers.TryGetValue("Sec-Fetch-Site", out var site) && site.Count > 0
        && !string.Equals(site[0], "same-origin", StringComparison.OrdinalIgnoreCase)
        && !string.Equals(site[0], "none", StringComparison.OrdinalIgnoreCase);

    private static PageResult Invalid() => Page(StatusCodes.Status400BadRequest, "Liên kết không hợp lệ", "This link is not valid",
        "Liên kết xác nhận không đúng hoặc đã bị sửa. Không có gì được thay đổi.", "The acknowledgement link is wrong or was altered. Nothing was changed.");

    /// <summary>The link was used: when, in the recipient's time zone (Vietnam's when unknown).</summary>
    private static PageResult Used(DateTimeOffset at, string? zone)
    {
        var when = LocalTimes.Format(at, LocalTimes.Zone(zone));
        return Page(StatusCodes.Status410Gone, "Liên kết đã được sử dụng", "This link was already used",
            $"Thông báo này đã được xác nhận lúc {when}. Mỗi liên kết chỉ dùng một lần.", $"This notice was acknowledged at {when}. Each link works once.");
    }

    private static PageResult Page(int status, string titleVi, string titleEn, string textVi, string textEn, string? formAction = null) =>
        new PageResult(status, titleVi, titleEn, textVi, textEn, formAction);

    /// <summary>The page, headed by the committee's name as configured (<see cref="CommitteeOptions"/>).</summary>
    private sealed record PageResult(int Status, string TitleVi, string TitleEn, string TextVi, string TextEn, string? FormAction) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            var committee = httpContext.RequestServices.GetService<IOptions<CommitteeOptions>>()?.Value ?? new CommitteeOptions();
            httpContext.Response.Headers.CacheControl = "no-store"; // its address is a credential: no cache keeps the page or its link
            return Results.Content(AcknowledgePage.Render(committee.NameVi, TitleVi, TitleEn, TextVi, TextEn, FormAction,
                committee.PublishedHotline is { } hotline ? (hotline, committee.HotlineDial!) : null), "text/html; charset=utf-8", statusCode: Status)
                .ExecuteAsync(httpContext);
        }
    }
}
