using System.Linq.Expressions;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Security;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>Proof of delivery: every notification with its state and tries; a failed one can be sent again.</summary>
public static class DeliveryEndpoints
{
    public const int MaxPageSize = 200;

    public static IEndpointRouteBuilder MapDeliveries(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var deliveries = endpoints.MapGroup("/api/v1/deliveries").WithTags("Deliveries");
        deliveries.MapGet("/", ListAsync).RequireAuthorization(AccessPolicies.Read).Produces<PageOf<DeliverySummary>>();
        deliveries.MapGet("/{id:guid}", GetAsync).RequireAuthorization(AccessPolicies.Read).Produces<DeliveryDetail>();
        deliveries.MapGet("/details", DetailsOfAsync).RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<DeliveryDetail>>();
        deliveries.MapPost("/{id:guid}/resend", ResendAsync).RequireAuthorization(AccessPolicies.Manage).Produces<DeliverySummary>(StatusCodes.Status202Accepted);
        endpoints.MapGet("/api/v1/incidents/{id:guid}/engagements", EngagementsAsync).WithTags("Deliveries")
            .RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<EngagementView>>();
        endpoints.MapGet("/api/v1/engagements", EngagementsOfAsync).WithTags("Deliveries")
            .RequireAuthorization(AccessPolicies.Read).Produces<IReadOnlyList<IncidentEngagements>>();
        return endpoints;
    }

    private static async Task<IResult> ListAsync(
        HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken,
        string? status = null, Guid? incident = null, string? unit = null, string? origin = null, bool? answered = null, int page = 1, int pageSize = 50)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && !NotificationStatus.All.Contains(status))
        {
            errors["status"] = [$"Một trong / one of: {string.Join(", ", NotificationStatus.All)}"];
        }

        Paging.Check(page, pageSize, MaxPageSize, errors);

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var query = db.Notifications.AsNoTracking()
            .Where(n => (status == null || n.Status == status) && (incident == null || n.IncidentId == incident) && (unit == null || n.UnitCode == unit)
                && (origin == null || n.Origin == origin));
        if (answered is { } wanted)
        {
            // ?answered=false: what still needs someone (notices the unit's answer made moot, and those the incident's close
            // stopped, left out); true: only those. The origins are those of IsMoot and StopsAtClose: keep them in step.
            Expression<Func<Notification, bool>> moot = n => db.Engagements.Any(e => e.Id == n.EngagementId
                && ((n.Origin == NotificationOrigins.Engagement || EF.Functions.Like(n.Origin, NotificationOrigins.StepPattern)) && e.State != EngagementStates.Notified
                    || n.Origin == NotificationOrigins.Update && (e.State == EngagementStates.Declined || e.State == EngagementStates.Resolved)))
                || (n.Origin == NotificationOrigins.Engagement || EF.Functions.Like(n.Origin, NotificationOrigins.StepPattern)
                    || n.Origin == NotificationOrigins.Update || n.Origin == NotificationOrigins.Decline)
                    && db.Incidents.Any(i => i.IncidentId == n.IncidentId && i.Status == Incidents.IncidentCopies.Closed);
            query = query.Where(wanted ? moot : Expression.Lambda<Func<Notification, bool>>(Expression.Not(moot.Body), moot.Parameters));
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id).Skip(Paging.Skip(page, pageSize)).Take(pageSize).ToListAsync(cancellationToken);
        var answers = await AnswersAsync(db, items, cancellationToken);
        var closed = await ClosedAsync(db, items, cancellationToken);
        var whole = SeesWebhooks(http);
        return Results.Ok(new PageOf<DeliverySummary>([.. items.Select(n => Summary(n, answers, whole, closed))], page, pageSize, total));
    }

    /// <summary>The state of the engagement of each of <paramref name="notifications"/> that its unit's answer could make moot, in one query.</summary>
    private static async Task<Dictionary<Guid, string>> AnswersAsync(NotificationsDbContext db, IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        var engagements = notifications.Where(n => n.EngagementId is not null && (NotificationOrigins.IsPage(n.Origin) || n.Origin == NotificationOrigins.Update))
            .Select(n => n.EngagementId!.Value).Distinct().ToList();
        return engagements.Count == 0
            ? []
            : await db.Engagements.AsNoTracking().Where(e => engagements.Contains(e.Id)).ToDictionaryAsync(e => e.Id, e => e.State, cancellationToken);
    }

    /// <summary>
    /// The closed incidents among those of <paramref name="notifications"/> that a close stops (pages, updates, hand-overs:
    /// <see cref="NotificationOrigins.StopsAtClose"/>), in one query: such a notice is not sent again (the re-send answers 409).
    /// </summary>
    private static async Task<HashSet<Guid>> ClosedAsync(NotificationsDbContext db, IEnumerable<Notification> notifications, CancellationToken cancellationToken)
    {
        var incidents = notifications.Where(n => NotificationOrigins.StopsAtClose(n.Origin)).Select(n => n.IncidentId).Distinct().ToList();
        return incidents.Count == 0
            ? []
            : [.. await db.Incidents.AsNoTracking().Where(i => incidents.Contains(i.IncidentId) && i.Status == Incidents.IncidentCopies.Closed)
                .Select(i => i.IncidentId).ToListAsync(cancellationToken)];
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken) =>
        (await DetailsAsync(db, [id], http, cancellationToken)) is [var detail] ? Results.Ok(detail) : Problems.NotFound("delivery", id);

    /// <summary>
    /// Several deliveries with their tries in one read (<c>?delivery=a&amp;delivery=b</c>, at most <see cref="IdList.MaxPerRead"/>),
    /// in the order asked, each as its own read answers it; an id that names no delivery is left out.
    /// </summary>
    private static async Task<IResult> DetailsOfAsync(HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken, string[]? delivery = null)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = IdList.Parse(delivery, nameof(delivery), IdList.MaxPerRead, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Ok(await DetailsAsync(db, ids, http, cancellationToken));
    }

    /// <summary>Only those who may act on a delivery see the code a unit acknowledges it with (review M3).</summary>
    private static bool MayManage(HttpContext http) => http.User.IsInRole(AccessRoles.Coordinator) || http.User.IsInRole(AccessRoles.Operator);

    /// <summary>A webhook's address is its credential: only coordinators, who administer them, read it whole (review L5).</summary>
    private static bool SeesWebhooks(HttpContext http) => http.User.IsInRole(AccessRoles.Coordinator);

    /// <summary>The deliveries of <paramref name="ids"/> that exist, in that order, with their tries: two queries whatever their number.</summary>
    private static async Task<List<DeliveryDetail>> DetailsAsync(NotificationsDbContext db, IReadOnlyList<Guid> ids, HttpContext http, CancellationToken cancellationToken)
    {
        var (mayManage, whole) = (MayManage(http), SeesWebhooks(http));
        var notifications = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var found = notifications.Keys.ToList();
        var attempts = (await db.DeliveryAttempts.AsNoTracking().Where(a => found.Contains(a.NotificationId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.NotificationId);
        var answers = await AnswersAsync(db, notifications.Values, cancellationToken);
        var closed = await ClosedAsync(db, notifications.Values, cancellationToken);
        return [.. ids.Where(notifications.ContainsKey).Select(id => notifications[id]).Select(n => new DeliveryDetail(Summary(n, answers, whole, closed), mayManage ? n.AcknowledgeCode : null,
            [.. attempts[n.Id].OrderBy(a => a.Sequence)
                .Select(a => new AttemptView(a.Sequence, a.Round, a.Channel, SecretUrls.ForReader(a.Channel, a.Address, whole)!, a.StartedAt, a.Outcome, a.ProviderResponse, a.ProviderMessageId, a.LatencyMs))]))];
    }

    private static async Task<IResult> ResendAsync(Guid id, HttpContext http, NotificationsDbContext db, DispatchSignal signal, TimeProvider time, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return Problems.NotFound("delivery", id);
        }

        if (notification.Status == NotificationStatus.Pending)
        {
            return Problems.Conflict("Thông báo đang được gửi / the notification is being sent already");
        }

        if (notification.Status == NotificationStatus.Held)
        {
            return Problems.Conflict("Thông báo diễn tập được giữ lại vì đơn vị không có đầu mối diễn tập / a drill notice is held: the unit has no exercise contact");
        }

        var closed = NotificationOrigins.StopsAtClose(notification.Origin)
            && await db.Incidents.AsNoTracking().AnyAsync(i => i.IncidentId == notification.IncidentId && i.Status == Incidents.IncidentCopies.Closed, cancellationToken);
        if (closed)
        {
            // The dispatcher would cancel it unsent (NotificationDelivery): say so now rather than accept it.
            return Problems.Conflict("Sự cố đã đóng: không gửi lại lời gọi, cập nhật hay chuyển giao / the incident is closed: a page, update or hand-over is not sent again");
        }

        if (notification.Status == NotificationStatus.Cancelled)
        {
            return Problems.Conflict(notification.LastError == Incidents.IncidentCopies.ClosedCancellation
                ? "Thông báo đã bị hủy vì sự cố đã đóng / the notification was cancelled because the incident was closed"
                : "Thông báo đã bị hủy vì đơn vị đã xác nhận / the notification was cancelled because the unit acknowledged");
        }

        var now = time.GetUtcNow();
        if (await CurrentAddresses.OfAsync(db, notification, cancellationToken) is { } current)
        {
            notification.Destinations = current; // an address corrected in the directory since is the one tried now
        }

        notification.Status = NotificationStatus.Pending;
        notification.Resends++;
        notification.NextAttemptAt = now;
        notification.ClaimedBy = null;
        notification.ClaimedUntil = null;
        notification.CompletedAt = null;
        notification.Version++;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Conflict("Thông báo vừa được thay đổi, hãy thử lại / the notification just changed, try again");
        }

        signal.Notify();
        return Results.Accepted($"/api/v1/deliveries/{id}", Summary(notification, await AnswersAsync(db, [notification], cancellationToken), SeesWebhooks(http), [])); // refused above when closed
    }

    private static async Task<IResult> EngagementsAsync(Guid id, HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken) =>
        Results.Ok((await EngagementViewsAsync(db, [id], SeesWebhooks(http), cancellationToken))[0].Engagements);

    /// <summary>The engagements of several incidents in one read (<c>?incident=a&amp;incident=b</c>), for pages that show many.</summary>
    private static async Task<IResult> EngagementsOfAsync(HttpContext http, NotificationsDbContext db, CancellationToken cancellationToken, string[]? incident = null)
    {
        var errors = new Dictionary<string, string[]>();
        var ids = IdList.Parse(incident, nameof(incident), IdList.MaxPerRead, errors);
        return errors.Count > 0 ? Problems.Validation(errors) : Results.Ok(await EngagementViewsAsync(db, ids, SeesWebhooks(http), cancellationToken));
    }

    /// <summary>Each incident's engagements with their notifications, in the order asked, in two queries whatever their number.</summary>
    private static async Task<List<IncidentEngagements>> EngagementViewsAsync(NotificationsDbContext db, IReadOnlyList<Guid> ids, bool whole, CancellationToken cancellationToken)
    {
        var engagements = (await db.Engagements.AsNoTracking().Where(e => ids.Contains(e.IncidentId)).ToListAsync(cancellationToken)).ToLookup(e => e.IncidentId);
        var all = await db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(cancellationToken);
        var closed = await ClosedAsync(db, all, cancellationToken);
        var notifications = all.ToLookup(n => n.EngagementId);
        return [.. ids.Select(id => new IncidentEngagements(id, [.. engagements[id].OrderBy(e => e.EngagedAt).ThenBy(e => e.UnitCode, StringComparer.Ordinal)
            .Select(e => new EngagementView(e.Id, e.UnitCode, e.RuleId, e.RoutingVersion, e.SeverityLevel, e.Serious, e.EngagedAt,
                e.AcknowledgedAt, e.AcknowledgedBy, e.AcknowledgedVia,
                [.. notifications[e.Id].OrderBy(n => n.CreatedAt).Select(n => Summary(n, e.State, whole, closed.Contains(n.IncidentId)))],
                e.State, e.AcceptedAt, e.AcceptedBy, e.DeclinedAt, e.DeclinedBy, e.DeclineReason, e.HandedTo, e.ResolvedAt, e.ResolvedBy, e.ResolutionSummary,
                e.CurrentRound, e.CurrentStep, e.EngagedBy, e.EngagedReason))]))];
    }

    private static DeliverySummary Summary(Notification n, Dictionary<Guid, string> answers, bool whole, HashSet<Guid> closed) =>
        Summary(n, n.EngagementId is { } engagement ? answers.GetValueOrDefault(engagement) : null, whole, closed.Contains(n.IncidentId));

    /// <summary>
    /// The notification as listed; <paramref name="engagementState"/> is its engagement's, when known; a webhook's address
    /// is masked unless <paramref name="whole"/>.
    /// </summary>
    private static DeliverySummary Summary(Notification n, string? engagementState, bool whole, bool closed) => new(n.Id, n.IncidentId, n.IncidentNumber, n.UnitCode, n.RecipientName,
        n.Kind, n.Status, n.AttemptCount, n.Resends, n.DeliveredChannel, SecretUrls.ForReader(n.DeliveredChannel, n.DeliveredAddress, whole), n.LastError, n.CreatedAt, n.CompletedAt, n.Origin, n.EngagementId,
        engagementState is not null && NotificationOrigins.IsMoot(n.Origin, engagementState) ? engagementState : null,
        closed && NotificationOrigins.StopsAtClose(n.Origin));
}
