using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

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
        endpoints.MapGet("/ack/{token}", ShowAsync).AllowAnonymous().ExcludeFromDescription();
        endpoints.MapPost("/ack/{token}", AcknowledgeAsync).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> ShowAsync(string token, LinkSigner links, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var (notification, refused) = await FindAsync(token, links, db, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (notification!.AcknowledgedAt is { } at)
        {
            return Used(at);
        }

        return Page(StatusCodes.Status200OK, $"Xác nhận đã nhận thông báo sự cố {notification.IncidentNumber}", $"Acknowledge the notice of incident {notification.IncidentNumber}",
            $"Thông báo gửi tới {notification.RecipientName}. Bấm nút dưới đây để xác nhận đơn vị đã nhận; việc mở liên kết không tự xác nhận.",
            $"Sent to {notification.RecipientName}. Press the button to confirm your unit received it; opening the link alone does not acknowledge.",
            $"/ack/{token}");
    }

    private static async Task<IResult> AcknowledgeAsync(string token, LinkSigner links, NotificationsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (notification, refused) = await FindAsync(token, links, db, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        if (notification!.AcknowledgedAt is { } used)
        {
            return Used(used);
        }

        var now = time.GetUtcNow();
        notification.AcknowledgedAt = now;
        notification.Version++;
        var engagement = notification.EngagementId is { } engagementId
            ? await db.Engagements.FirstOrDefaultAsync(e => e.Id == engagementId, cancellationToken)
            : null;
        if (engagement is not null && engagement.AcknowledgedAt is null)
        {
            engagement.AcknowledgedAt = now;
            engagement.AcknowledgedBy = notification.RecipientName;
            engagement.AcknowledgedVia = "link";
            db.PublishAfterCommit(new EngagementAcknowledged(engagement.Id, notification.IncidentId, notification.IncidentNumber, notification.UnitCode,
                notification.Id, notification.RecipientName, "link", now), now);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Used(now); // the same link was used at the same moment: it works once
        }

        return Page(StatusCodes.Status200OK, "Đã xác nhận", "Acknowledged",
            $"Đã ghi nhận {notification.RecipientName} nhận thông báo sự cố {notification.IncidentNumber}. Cảm ơn.",
            $"Recorded that {notification.RecipientName} received the notice of incident {notification.IncidentNumber}. Thank you.");
    }

    private static async Task<(Notification? Notification, IResult? Refused)> FindAsync(string token, LinkSigner links, NotificationsDbContext db, CancellationToken cancellationToken)
    {
        var check = links.Check(NotificationRequests.AcknowledgePurpose, token);
        if (check.Refusal == "expired")
        {
            return (null, Page(StatusCodes.Status410Gone, "Liên kết đã hết hạn", "This link has expired",
                "Liên kết xác nhận đã hết hạn. Hãy liên hệ Văn phòng thường trực Ban Chỉ đạo.", "The acknowledgement link has expired. Please contact the Steering Committee's standing office."));
        }

        if (!check.Valid || !Guid.TryParseExact(check.Subject, "N", out var id))
        {
            return (null, Invalid());
        }

        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        return notification is null ? (null, Invalid()) : (notification, null);
    }

    private static IResult Invalid() => Page(StatusCodes.Status400BadRequest, "Liên kết không hợp lệ", "This link is not valid",
        "Liên kết xác nhận không đúng hoặc đã bị sửa. Không có gì được thay đổi.", "The acknowledgement link is wrong or was altered. Nothing was changed.");

    private static IResult Used(DateTimeOffset at) => Page(StatusCodes.Status410Gone, "Liên kết đã được sử dụng", "This link was already used",
        $"Thông báo này đã được xác nhận lúc {at:yyyy-MM-dd HH:mm} UTC. Mỗi liên kết chỉ dùng một lần.", $"This notice was acknowledged at {at:yyyy-MM-dd HH:mm} UTC. Each link works once.");

    private static IResult Page(int status, string titleVi, string titleEn, string textVi, string textEn, string? formAction = null) =>
        Results.Content(AcknowledgePage.Render(titleVi, titleEn, textVi, textEn, formAction), "text/html; charset=utf-8", statusCode: status);
}
