using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Engagements;

/// <summary>Engagement milestones on a real SQLite database: valid, invalid and repeated transitions, their events, cancelled pages, the hand-over on a decline.</summary>
public sealed class EngagementLifecycleTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>From the state the path leads to, the action's outcome and the state after it.</summary>
    [Theory]
    [InlineData("", EngagementAction.Acknowledge, EngagementOutcome.Changed, EngagementStates.Acknowledged)]
    [InlineData("", EngagementAction.Accept, EngagementOutcome.Changed, EngagementStates.Accepted)]
    [InlineData("", EngagementAction.Decline, EngagementOutcome.Changed, EngagementStates.Declined)]
    [InlineData("", EngagementAction.Resolve, EngagementOutcome.Changed, EngagementStates.Resolved)]
    [InlineData("Acknowledge", EngagementAction.Acknowledge, EngagementOutcome.Unchanged, EngagementStates.Acknowledged)]
    [InlineData("Acknowledge", EngagementAction.Accept, EngagementOutcome.Changed, EngagementStates.Accepted)]
    [InlineData("Acknowledge", EngagementAction.Decline, EngagementOutcome.Changed, EngagementStates.Declined)]
    [InlineData("Acknowledge,Accept", EngagementAction.Accept, EngagementOutcome.Unchanged, EngagementStates.Accepted)]
    [InlineData("Acknowledge,Accept", EngagementAction.Acknowledge, EngagementOutcome.Unchanged, EngagementStates.Accepted)]
    [InlineData("Acknowledge,Accept", EngagementAction.Decline, EngagementOutcome.Invalid, EngagementStates.Accepted)]
    [InlineData("Acknowledge,Accept", EngagementAction.Resolve, EngagementOutcome.Changed, EngagementStates.Resolved)]
    [InlineData("Decline", EngagementAction.Decline, EngagementOutcome.Unchanged, EngagementStates.Declined)]
    [InlineData("Decline", EngagementAction.Accept, EngagementOutcome.Invalid, EngagementStates.Declined)]
    [InlineData("Decline", EngagementAction.Resolve, EngagementOutcome.Invalid, EngagementStates.Declined)]
    [InlineData("Accept,Resolve", EngagementAction.Resolve, EngagementOutcome.Unchanged, EngagementStates.Resolved)]
    [InlineData("Accept,Resolve", EngagementAction.Accept, EngagementOutcome.Invalid, EngagementStates.Resolved)]
    [InlineData("Accept,Resolve", EngagementAction.Decline, EngagementOutcome.Invalid, EngagementStates.Resolved)]
    public async Task Each_transition_is_valid_invalid_or_a_harmless_repeat(string path, EngagementAction action, EngagementOutcome expected, string stateAfter)
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        foreach (var step in path.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Enum.Parse<EngagementAction>))
        {
            Assert.Equal(EngagementOutcome.Changed, (await world.ActAsync(engagement.Id, step, "không thuộc phạm vi")).Outcome);
        }

        var eventsBefore = (await world.OutboxAsync()).Count;
        var versionBefore = (await world.EngagementAsync(engagement.Id)).Version;

        var change = await world.ActAsync(engagement.Id, action, "không thuộc phạm vi");

        Assert.Equal(expected, change.Outcome);
        var after = await world.EngagementAsync(engagement.Id);
        Assert.Equal(stateAfter, after.State);
        var eventsAfter = (await world.OutboxAsync()).Count;
        if (expected == EngagementOutcome.Changed)
        {
            Assert.True(eventsAfter > eventsBefore, "a transition publishes its event");
            Assert.Equal(versionBefore + 1, after.Version);
        }
        else
        {
            Assert.Equal(eventsBefore, eventsAfter);
            Assert.Equal(versionBefore, after.Version);
        }
    }

    [Fact]
    public async Task Accepting_straight_from_notified_implies_receipt_and_publishes_both_events_once()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();

        await world.ActAsync(engagement.Id, EngagementAction.Accept, by: "Phạm Minh Đức", channel: "web");
        await world.ActAsync(engagement.Id, EngagementAction.Accept);

        var after = await world.EngagementAsync(engagement.Id);
        Assert.Equal(EngagementStates.Accepted, after.State);
        Assert.NotNull(after.AcknowledgedAt);
        Assert.Equal("web", after.AcknowledgedVia);
        Assert.Equal("Phạm Minh Đức", after.AcceptedBy);
        Assert.Equal(["EngagementAcknowledged", "EngagementAccepted"], (await world.OutboxAsync()).Select(m => m.Type).Order().Reverse().ToList());
    }

    [Fact]
    public async Task An_unknown_engagement_is_not_found_and_an_invisible_one_looks_the_same()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");

        Assert.Equal(EngagementOutcome.NotFound, (await world.ActAsync(Guid.NewGuid(), EngagementAction.Acknowledge)).Outcome);
        var hidden = await world.InScopeAsync(sp => sp.GetRequiredService<EngagementActions>().ApplyAsync(engagement.Id, EngagementAction.Acknowledge,
            new EngagementActor("viettel", "api"), null, null, e => e.UnitCode == "viettel-bn", Cancel));
        Assert.Equal(EngagementOutcome.NotFound, hidden.Outcome);
        Assert.Equal(EngagementStates.Notified, (await world.EngagementAsync(engagement.Id)).State);
    }

    [Fact]
    public async Task Acknowledging_cancels_the_pending_unclaimed_pages_but_leaves_one_being_sent()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, first) = await world.EngageAsync();
        await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, new PageTarget(PageTarget.Person, "vnpt-pham-minh-duc", null, "oncall:vnpt-bn/primary")));
        await world.WithDbAsync(async db =>
        {
            var claimed = await db.Notifications.SingleAsync(n => n.Id == first.Id, Cancel);
            claimed.ClaimedBy = "host-a";
            claimed.ClaimedUntil = TimeProvider.System.GetUtcNow().AddMinutes(5);
            return await db.SaveChangesAsync(Cancel);
        });

        await world.ActAsync(engagement.Id, EngagementAction.Acknowledge);

        var notifications = await world.NotificationsAsync(engagement.IncidentId);
        Assert.Equal(NotificationStatus.Pending, notifications.Single(n => n.Id == first.Id).Status);
        var page = notifications.Single(n => n.Id != first.Id);
        Assert.Equal(NotificationStatus.Cancelled, page.Status);
        Assert.Equal("step:1:1", page.Origin);
    }

    [Fact]
    public async Task A_decline_engages_the_standing_office_with_the_reason_and_names_it()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");

        var change = await world.ActAsync(engagement.Id, EngagementAction.Decline, "Hệ thống không thuộc mạng VNPT");

        Assert.Equal(EngagementOutcome.Changed, change.Outcome);
        Assert.Equal("bcd-bn", change.Engagement!.HandedTo);
        var committee = await world.WithDbAsync(db => db.Engagements.AsNoTracking().SingleAsync(e => e.IncidentId == engagement.IncidentId && e.UnitCode == "bcd-bn", Cancel));
        Assert.Equal("declined:vnpt-bn", committee.RuleId);
        var notice = (await world.NotificationsAsync(engagement.IncidentId)).Single(n => n.EngagementId == committee.Id);
        Assert.Equal("duty:bcd-bn", notice.RecipientKey);
        var body = System.Text.RegularExpressions.Regex.Unescape(notice.Notice);
        Assert.Contains("Hệ thống không thuộc mạng VNPT", body, StringComparison.Ordinal);
        // The standing office reads who declined by the unit's name, not its code.
        Assert.Contains("Đơn vị Viễn thông Bắc Ninh (VNPT Bắc Ninh) từ chối xử lý sự cố", body, StringComparison.Ordinal);
        Assert.Contains("Unit VNPT Bắc Ninh (telecom operator) declined the incident", body, StringComparison.Ordinal);
        var outbox = await world.OutboxAsync();
        Assert.Contains(outbox, m => m.Type == "UnitsEngaged" && m.Body.Contains("declined:vnpt-bn", StringComparison.Ordinal));
        Assert.Contains(outbox, m => m.Type == "EngagementDeclined" && m.Body.Contains("bcd-bn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task On_a_closed_incident_a_unit_can_no_longer_accept_or_decline_and_nobody_is_paged_but_receipt_and_resolution_are_kept()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");
        var (other, _) = await world.EngageAsync("viettel-bn", engagement.IncidentId);
        await world.WithDbAsync(async db =>
        {
            db.Incidents.Add(new IncidentCopy
            {
                IncidentId = engagement.IncidentId, Number = engagement.IncidentNumber, Title = "DDoS vào Cổng dịch vụ công", Classification = "availability:ddos",
                SeverityLevel = 4, Tlp = "AMBER", Deadlines = "[]", Status = IncidentStatuses.Closed, StateVersion = 3, UpdatedAt = TimeProvider.System.GetUtcNow(),
            });
            return await db.SaveChangesAsync(Cancel);
        });
        var (outbox, notices) = ((await world.OutboxAsync()).Count, (await world.NotificationsAsync(engagement.IncidentId)).Count);

        var declined = await world.ActAsync(engagement.Id, EngagementAction.Decline, "Không phải khách hàng của VNPT");
        var accepted = await world.ActAsync(other.Id, EngagementAction.Accept);

        Assert.Equal((EngagementOutcome.Invalid, EngagementOutcome.Invalid), (declined.Outcome, accepted.Outcome));
        Assert.Equal("Sự cố đã đóng, không thể từ chối / the incident is closed: it cannot be declined", declined.Detail);
        Assert.Equal(EngagementStates.Notified, (await world.EngagementAsync(engagement.Id)).State);
        Assert.False(await world.WithDbAsync(db => db.Engagements.AnyAsync(e => e.IncidentId == engagement.IncidentId && e.UnitCode == "bcd-bn", Cancel)));
        Assert.Equal(notices, (await world.NotificationsAsync(engagement.IncidentId)).Count);
        Assert.Equal(outbox, (await world.OutboxAsync()).Count);

        Assert.Equal(EngagementOutcome.Changed, (await world.ActAsync(engagement.Id, EngagementAction.Acknowledge)).Outcome);
        Assert.Equal(EngagementOutcome.Changed, (await world.ActAsync(other.Id, EngagementAction.Resolve, "Đã chặn lưu lượng")).Outcome);
        Assert.Equal(EngagementStates.Resolved, (await world.EngagementAsync(other.Id)).State);
    }

    [Fact]
    public async Task A_close_that_read_before_a_decline_committed_conflicts_and_so_a_decline_racing_it_is_never_left_paging()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");
        var open = PipelineWorld.NewIncident(engagement.IncidentId, version: 1, status: IncidentStatuses.Containment) with { Number = engagement.IncidentNumber };
        await world.WithDbAsync(db =>
        {
            IncidentCopies.Apply(db, null, open, TimeProvider.System.GetUtcNow());
            return db.SaveChangesAsync(Cancel);
        });

        // The close reads its copy (and the pending notices it cancels), then a decline commits, then the close saves.
        var outcome = await world.InScopeAsync(async services =>
        {
            var closing = services.GetRequiredService<IncidentResponse.Notifications.Data.NotificationsDbContext>();
            var copy = await closing.Incidents.SingleAsync(i => i.IncidentId == engagement.IncidentId, Cancel);
            IncidentCopies.Apply(closing, copy, open with { Status = IncidentStatuses.Closed, StateVersion = 2 }, TimeProvider.System.GetUtcNow());
            var declined = await world.ActAsync(engagement.Id, EngagementAction.Decline, "Không phải khách hàng của VNPT");
            var saved = await Record.ExceptionAsync(() => closing.SaveChangesAsync(Cancel));
            return (declined.Outcome, saved);
        });

        Assert.Equal(EngagementOutcome.Changed, outcome.Outcome);
        Assert.IsType<DbUpdateConcurrencyException>(outcome.saved); // routing tries again, reads the decline's notice and cancels it
        // And the other order: the close committed first, so a decline now is refused.
        await world.WithDbAsync(async db =>
        {
            var copy = await db.Incidents.SingleAsync(i => i.IncidentId == engagement.IncidentId, Cancel);
            IncidentCopies.Apply(db, copy, open with { Status = IncidentStatuses.Closed, StateVersion = 2 }, TimeProvider.System.GetUtcNow());
            return await db.SaveChangesAsync(Cancel);
        });
        var (other, _) = await world.EngageAsync("viettel-bn", engagement.IncidentId);
        Assert.Equal(EngagementOutcome.Invalid, (await world.ActAsync(other.Id, EngagementAction.Decline, "muộn")).Outcome);
    }

    [Fact]
    public async Task A_decline_when_the_standing_office_is_engaged_already_only_tells_its_duty_point()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (committee, _) = await world.EngageAsync("bcd-bn");
        var (engagement, _) = await world.EngageAsync("vnpt-bn", committee.IncidentId);

        await world.ActAsync(engagement.Id, EngagementAction.Decline, "Không phải khách hàng của VNPT");

        var engagements = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == committee.IncidentId).ToListAsync(Cancel));
        Assert.Equal(2, engagements.Count);
        var told = (await world.NotificationsAsync(committee.IncidentId)).Single(n => n.Origin == NotificationOrigins.Decline);
        Assert.Equal(committee.Id, told.EngagementId);
        Assert.DoesNotContain(await world.OutboxAsync(), m => m.Type is "UnitsEngaged" or "UnitEngaged");
    }

    [Fact]
    public async Task A_legal_deadline_alert_tells_the_named_unit_once_per_deadline_and_stage()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");
        var due = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
        var alert = new LegalDeadlineAlert(engagement.IncidentId, engagement.IncidentNumber, "initial-report", LegalDeadlineAlert.Reminder, due,
            "Báo cáo ban đầu", "Initial report", "QĐ 05/2017 Điều 11", "bcd-bn", TimeProvider.System.GetUtcNow());

        Assert.True(await world.DeadlineAlertAsync(alert));
        Assert.False(await world.DeadlineAlertAsync(alert)); // sent again by a new message: the same alert
        Assert.True(await world.DeadlineAlertAsync(alert with { Stage = LegalDeadlineAlert.Overdue }));

        var alerts = (await world.NotificationsAsync(engagement.IncidentId)).Where(n => n.Origin == NotificationOrigins.Deadline).ToList();
        Assert.Equal(2, alerts.Count);
        Assert.All(alerts, n => Assert.Equal("duty:bcd-bn", n.RecipientKey));
        Assert.Contains(alerts, n => System.Text.RegularExpressions.Regex.Unescape(n.Notice) is var text && text.Contains("25/11/2026 17:00 (UTC+07:00)", StringComparison.Ordinal) && text.Contains("Báo cáo ban đầu", StringComparison.Ordinal));
        // Every alert is answered, the repeat too: escalation sends an alert again until it hears the answer.
        Assert.Equal(3, (await world.OutboxAsync()).Count(m => m.Type == nameof(LegalDeadlineAlertAnswered)));
    }
}
