using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Incidents;

/// <summary>
/// Notifications keeps the incident's newest state and tells it: a TLP or severity raised after the first
/// notice is what every later page says, a closed incident engages and pages nobody, and states delivered
/// out of order leave the newest one in force. Every state is answered with the version held.
/// </summary>
public sealed class CurrentFactsTests
{
    private static readonly PageTarget Committee = new(PageTarget.Unit, "bcd-bn", null, null);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_escalation_page_after_the_TLP_was_raised_tells_the_raised_TLP()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, first) = await world.EngageAsync(tlp: "AMBER");
        Assert.Contains("\"tlp\":\"AMBER\"", first.Notice, StringComparison.OrdinalIgnoreCase);

        await world.DeliverAsync(State(engagement.IncidentId, engagement.IncidentNumber, 2, "triage", tlp: "RED", severity: 5));
        Assert.Equal(1, await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, Committee)));

        var page = Assert.Single(await world.NotificationsAsync(engagement.IncidentId), n => n.Origin == "step:1:1");
        Assert.Contains("\"tlp\":\"RED\"", page.Notice, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"severityLevel\":5", page.Notice, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_step_about_a_closed_incident_pages_nobody()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync();
        await world.DeliverAsync(State(engagement.IncidentId, engagement.IncidentNumber, 3, "closed"));

        Assert.Equal(0, await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, Committee)));

        Assert.DoesNotContain(await world.NotificationsAsync(engagement.IncidentId), n => n.Origin.StartsWith("step:", StringComparison.Ordinal));
        var skipped = Assert.Single(await world.OutboxAsync(), m => m.Type == nameof(EscalationStepSkipped));
        Assert.Contains("\"reason\":\"closed\"", skipped.Body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Closing_an_incident_cancels_its_notifications_not_yet_being_sent()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, first) = await world.EngageAsync();

        await world.DeliverAsync(State(engagement.IncidentId, engagement.IncidentNumber, 2, "closed"));

        var notification = Assert.Single(await world.NotificationsAsync(engagement.IncidentId));
        Assert.Equal(first.Id, notification.Id);
        Assert.Equal(NotificationStatus.Cancelled, notification.Status);
    }

    [Fact]
    public async Task Closing_an_incident_leaves_its_legal_deadline_alerts_to_go()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, first) = await world.EngageAsync();
        var alert = new LegalDeadlineAlert(engagement.IncidentId, engagement.IncidentNumber, "closing-report", LegalDeadlineAlert.Reminder,
            TimeProvider.System.GetUtcNow().AddDays(5), "Báo cáo kết thúc", "Closing report", "QĐ 05/2017 Điều 11", "bcd-bn", TimeProvider.System.GetUtcNow());
        Assert.True(await world.DeadlineAlertAsync(alert));

        await world.DeliverAsync(State(engagement.IncidentId, engagement.IncidentNumber, 2, "closed"));

        var notifications = await world.NotificationsAsync(engagement.IncidentId);
        Assert.Equal(NotificationStatus.Cancelled, Assert.Single(notifications, n => n.Id == first.Id).Status); // the page: no longer needed
        Assert.Equal(NotificationStatus.Pending, Assert.Single(notifications, n => n.Origin == NotificationOrigins.Deadline).Status); // the legal clocks run on
    }

    [Fact]
    public async Task A_closed_state_delivered_before_the_open_one_engages_nobody_and_the_newest_state_stays()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();

        await world.DeliverAsync(State(incident, "SC-2026-07001", 2, "closed"));
        await world.DeliverAsync(State(incident, "SC-2026-07001", 1, "new"));

        Assert.Empty(await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == incident).ToListAsync(Cancel)));
        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == incident, Cancel));
        Assert.Equal(("closed", 2), (copy.Status, copy.StateVersion));
        var answers = (await world.OutboxAsync()).Where(m => m.Type == nameof(IncidentStatesApplied)).ToList();
        Assert.Equal(2, answers.Count);
        Assert.All(answers, a => Assert.Contains("\"stateVersion\":2", a.Body, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task An_open_state_routes_once_however_often_it_is_sent()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        var state = State(incident, "SC-2026-07002", 1, "new");

        await world.DeliverAsync(state);
        await world.DeliverAsync(state); // sent again by triage: not answered in time

        var engaged = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == incident).ToListAsync(Cancel));
        Assert.NotEmpty(engaged);
        Assert.Equal(engaged.Count, (await world.NotificationsAsync(incident)).Count);
        // Answered both times: first with the units engaged (the answer rides in UnitsEngaged), then on its own.
        var outbox = await world.OutboxAsync();
        Assert.Single(outbox, m => m.Type == nameof(UnitsEngaged) && m.Body.Contains("\"appliedStates\":[{", StringComparison.Ordinal));
        Assert.Single(outbox, m => m.Type == nameof(IncidentStatesApplied));
    }

    private static IncidentTriaged State(Guid incident, string number, int version, string status, string tlp = "AMBER", int severity = 4) =>
        new(incident, number, "DDoS vào Cổng dịch vụ công", "availability:ddos", severity, 70, false, tlp, false,
            new AffectedSystem("Cổng dịch vụ công", "Văn phòng UBND tỉnh", null, 4, "VNPT", null, [], [], [], null, null), [], "2026.1",
            TimeProvider.System.GetUtcNow(), status, version);
}
