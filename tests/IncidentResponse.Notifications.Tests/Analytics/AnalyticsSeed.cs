using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Routing;

namespace IncidentResponse.Notifications.Tests.Analytics;

/// <summary>
/// Two units' month with every time known: engaged 10:00 (03:00 UTC), acknowledged 10:07 (420 s) and 10:05 (300 s), resolved
/// after an hour, a decline after 10 minutes handed to the standing office, two escalation steps before an acknowledgement,
/// a duty on time, one late, one missed, one not yet due; a drill and an engagement outside the period left out.
/// </summary>
internal static class AnalyticsSeed
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

    /// <summary>When the figures are read: ten days after T0 (the open duty due a day after T0 is missed by then).</summary>
    public static readonly DateTimeOffset Now = T0.AddDays(10);

    public static readonly DateTimeOffset From = new(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public static readonly DateTimeOffset To = new(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public static async Task<int> SeedAsync(NotificationsDbContext db)
    {
        var a = Incident(db, T0, "availability:ddos", 4, serious: true, closedAt: T0.AddHours(2));
        var b = Incident(db, T0.AddDays(1), "fraud:phishing", 2, serious: false, closedAt: null);
        var drill = Incident(db, T0, "availability:ddos", 3, serious: false, closedAt: null, drill: true);
        Duty(db, a, "initial-report", T0.AddHours(24), DutyStates.Submitted, T0.AddHours(23));
        Duty(db, a, "closing-report", T0.AddHours(30), DutyStates.Submitted, T0.AddHours(31));
        Duty(db, a, "waived-one", T0.AddHours(30), DutyStates.Waived, null);
        Duty(db, b, "initial-report", T0.AddDays(1).AddHours(1), DutyStates.Due, null);
        Duty(db, b, "closing-report", T0.AddDays(20), DutyStates.Due, null);

        var vnptA = Engage(db, a, "vnpt-bn", T0, e => { e.AcknowledgedAt = T0.AddMinutes(7); e.ResolvedAt = T0.AddHours(1); e.State = EngagementStates.Resolved; });
        var vnptB = Engage(db, b, "vnpt-bn", T0.AddDays(1), e => { e.AcknowledgedAt = T0.AddDays(1).AddMinutes(5); e.State = EngagementStates.Acknowledged; });
        Engage(db, a, "viettel-bn", T0, e => { e.DeclinedAt = T0.AddMinutes(10); e.HandedTo = "bcd-bn"; e.State = EngagementStates.Declined; });
        Engage(db, drill, "viettel-bn", T0, e => e.AcknowledgedAt = T0.AddMinutes(1));
        Engage(db, Incident(db, T0.AddDays(-40), "availability:ddos", 4, false, null), "vnpt-bn", T0.AddDays(-40), e => e.AcknowledgedAt = T0.AddDays(-40).AddMinutes(1));

        var first = Notify(db, vnptA, NotificationOrigins.Engagement, T0, NotificationStatus.Delivered);
        Attempt(db, first, 1, "email", T0.AddMinutes(1), "TransientFailure");
        Attempt(db, first, 2, "email", T0.AddMinutes(2), "Delivered");
        Attempt(db, first, 3, "sms", T0.AddMinutes(1), "PermanentFailure");
        Notify(db, vnptB, NotificationOrigins.Step(1, 1), T0.AddDays(1).AddMinutes(1), NotificationStatus.Delivered);
        Notify(db, vnptB, NotificationOrigins.Step(1, 1), T0.AddDays(1).AddMinutes(1), NotificationStatus.Delivered);
        Notify(db, vnptB, NotificationOrigins.Step(1, 2), T0.AddDays(1).AddMinutes(3), NotificationStatus.Delivered);
        Notify(db, vnptB, NotificationOrigins.Step(1, 3), T0.AddDays(1).AddMinutes(4), NotificationStatus.Cancelled);
        Notify(db, vnptB, NotificationOrigins.Step(2, 1), T0.AddDays(1).AddMinutes(30), NotificationStatus.Delivered);
        return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// PA05 acknowledges three incidents in 1, 2 and 60 minutes and resolves them in 10, 20 and 120 minutes (the third
    /// incident's closing at 120 minutes comes before the unit's own resolution), and declines a fourth.
    /// </summary>
    public static async Task<int> SeedSpreadAsync(NotificationsDbContext db)
    {
        foreach (var (ack, resolve, closing) in new[] { (1, 10, (int?)null), (2, 20, null), (60, 180, 120) })
        {
            var at = T0.AddDays(2).AddHours(ack);
            var incident = Incident(db, at, "intrusions:system-compromise", 4, serious: true, closedAt: closing is null ? null : at.AddMinutes(closing.Value));
            Engage(db, incident, "pa05-bn", at, e => { e.AcknowledgedAt = at.AddMinutes(ack); e.ResolvedAt = at.AddMinutes(resolve); e.State = EngagementStates.Resolved; });
        }

        var declined = Incident(db, T0.AddDays(3), "intrusions:system-compromise", 4, serious: true, closedAt: T0.AddDays(3).AddMinutes(5));
        Engage(db, declined, "pa05-bn", T0.AddDays(3), e => { e.DeclinedAt = T0.AddDays(3).AddMinutes(3); e.HandedTo = "bcd-bn"; e.State = EngagementStates.Declined; });
        return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static IncidentCopy Incident(NotificationsDbContext db, DateTimeOffset openedAt, string classification, int severity, bool serious, DateTimeOffset? closedAt, bool drill = false)
    {
        var copy = new IncidentCopy
        {
            IncidentId = Guid.NewGuid(), Number = $"SC-2026-{Random.Shared.Next(10000, 99999)}", Title = "Sự cố thử", Classification = classification,
            SeverityLevel = severity, Serious = serious, Tlp = "AMBER", Drill = drill, Deadlines = "[]",
            Status = closedAt is null ? IncidentStatuses.Containment : IncidentStatuses.Closed, StateVersion = 1, UpdatedAt = openedAt,
            OpenedAt = openedAt, ClosedAt = closedAt,
        };
        db.Incidents.Add(copy);
        return copy;
    }

    private static void Duty(NotificationsDbContext db, IncidentCopy incident, string kind, DateTimeOffset due, string state, DateTimeOffset? submittedAt) =>
        db.IncidentDuties.Add(new IncidentDuty { IncidentId = incident.IncidentId, Kind = kind, DueAt = due, State = state, SubmittedAt = submittedAt });

    private static Engagement Engage(NotificationsDbContext db, IncidentCopy incident, string unit, DateTimeOffset at, Action<Engagement> then)
    {
        var engagement = new Engagement
        {
            Id = Guid.NewGuid(), IncidentId = incident.IncidentId, IncidentNumber = incident.Number, UnitCode = unit, RuleId = "isp-availability-intrusion",
            RoutingVersion = "2026.1", SeverityLevel = incident.SeverityLevel, Serious = incident.Serious, EngagedAt = at, AnnouncedAt = at,
        };
        then(engagement);
        db.Engagements.Add(engagement);
        return engagement;
    }

    private static Notification Notify(NotificationsDbContext db, Engagement engagement, string origin, DateTimeOffset at, string status)
    {
        var id = Guid.NewGuid();
        var notification = new Notification
        {
            Id = id, IdempotencyKey = $"{origin}:{id:N}", IncidentId = engagement.IncidentId, IncidentNumber = engagement.IncidentNumber, EngagementId = engagement.Id,
            UnitCode = engagement.UnitCode, RecipientKey = "duty:" + engagement.UnitCode, RecipientName = engagement.UnitCode, Language = "vi",
            TimeZone = "Asia/Ho_Chi_Minh", Kind = "Engaged", Destinations = "[]", Notice = "{}", AcknowledgeCode = id.ToString("N")[..8], Status = status,
            NextAttemptAt = at, CreatedAt = at, Origin = origin,
        };
        db.Notifications.Add(notification);
        return notification;
    }

    private static void Attempt(NotificationsDbContext db, Notification notification, int sequence, string channel, DateTimeOffset at, string outcome) =>
        db.DeliveryAttempts.Add(new DeliveryAttempt
        {
            Id = Guid.NewGuid(), NotificationId = notification.Id, Sequence = sequence, Channel = channel, Address = channel + "@example.invalid",
            StartedAt = at, Outcome = outcome, ProviderResponse = "thử",
        });
}
