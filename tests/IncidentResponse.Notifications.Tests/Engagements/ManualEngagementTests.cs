using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Engagements;

/// <summary>
/// The committee engages a unit by hand, on a real database: the engagement and its notice with who asked and why, the
/// announcement escalation starts a chain from, nothing twice (asked again, or by requests racing), and the refusals.
/// </summary>
public abstract class ManualEngagementTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<EngagementWorld> WorldAsync();

    [Fact]
    public async Task A_unit_engaged_by_hand_is_told_why_and_by_whom_and_its_chain_is_asked_for()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world, serious: true);

        var result = await EngageAsync(world, incident, "pa05-bn", "Có dấu hiệu tội phạm: đề nghị Công an tỉnh thu thập chứng cứ");

        Assert.Equal(ManualEngagementOutcome.Engaged, result.Outcome);
        var engagement = await world.EngagementAsync(result.Engagement!.Id);
        Assert.Equal((ManualEngagements.RuleId, "Trần Thu Hà", "Có dấu hiệu tội phạm: đề nghị Công an tỉnh thu thập chứng cứ", EngagementStates.Notified, true),
            (engagement.RuleId, engagement.EngagedBy, engagement.EngagedReason, engagement.State, engagement.Serious));
        var notice = Assert.Single(await world.NotificationsAsync(incident));
        Assert.Equal((engagement.Id, "duty:pa05-bn", NotificationOrigins.Engagement, NotificationStatus.Pending),
            (notice.EngagementId, notice.RecipientKey, notice.Origin, notice.Status));
        var body = System.Text.RegularExpressions.Regex.Unescape(notice.Notice);
        Assert.Contains("\"reasonVi\":\"Đơn vị được Trần Thu Hà phân công xử lý sự cố\"", body, StringComparison.Ordinal);
        Assert.Contains("\"reasonEn\":\"Your unit was engaged on the incident by Trần Thu Hà\"", body, StringComparison.Ordinal);
        // The person's words are the notice's assignment, which TLP disclosure cuts where it cuts the affected system.
        Assert.Contains("\"assignment\":\"Có dấu hiệu tội phạm: đề nghị Công an tỉnh thu thập chứng cứ\"", body, StringComparison.Ordinal);
        var announced = Assert.Single(await world.OutboxAsync(), m => m.Type == "UnitsEngaged");
        Assert.Contains("\"ruleId\":\"manual\"", announced.Body, StringComparison.Ordinal);
        Assert.Contains("\"engagedBy\":\"Trần Thu Hà\"", announced.Body, StringComparison.Ordinal);
        Assert.Contains("\"recipients\":1", announced.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_again_while_the_unit_is_on_it_changes_nothing()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world);
        var first = await EngageAsync(world, incident, "viettel-bn", "Hệ thống dùng đường truyền Viettel");

        var again = await EngageAsync(world, incident, "viettel-bn", "Nhắc lại");

        Assert.Equal(ManualEngagementOutcome.AlreadyEngaged, again.Outcome);
        Assert.Equal(first.Engagement!.Id, again.Engagement!.Id);
        Assert.Equal("Hệ thống dùng đường truyền Viettel", again.Engagement.EngagedReason);
        Assert.Single(await world.NotificationsAsync(incident));
        Assert.Single(await world.OutboxAsync());
    }

    [Fact]
    public async Task Requests_racing_for_one_unit_make_one_engagement_and_one_notice()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world);
        using var start = new ManualResetEventSlim();
        var racers = Enumerable.Range(0, 5).Select(i => Task.Run(async () =>
        {
            start.Wait(Cancel);
            return await EngageAsync(world, incident, "vnpt-bn", $"người thứ {i}");
        }, Cancel)).ToList();
        start.Set();
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r.Outcome == ManualEngagementOutcome.Engaged);
        Assert.All(results, r => Assert.Contains(r.Outcome, new[] { ManualEngagementOutcome.Engaged, ManualEngagementOutcome.AlreadyEngaged }));
        var engagements = await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == incident).ToListAsync(Cancel));
        Assert.Single(engagements);
        Assert.All(results, r => Assert.Equal(engagements[0].Id, r.Engagement!.Id));
        Assert.Single(await world.NotificationsAsync(incident));
        Assert.Single(await world.OutboxAsync(), m => m.Type == "UnitsEngaged");
    }

    [Fact]
    public async Task Unknown_incidents_and_units_closed_incidents_and_units_that_declined_are_refused_and_nothing_is_written()
    {
        await using var world = await WorldAsync();
        var open = await CopyAsync(world);
        var closed = await CopyAsync(world, status: IncidentStatuses.Closed);
        var (declined, _) = await world.EngageAsync("vnpt-bn", open);
        await world.ActAsync(declined.Id, EngagementAction.Decline, "Không phải khách hàng của VNPT");
        var before = ((await world.NotificationsAsync(open)).Count, (await world.OutboxAsync()).Count);

        Assert.Equal(ManualEngagementOutcome.IncidentNotFound, (await EngageAsync(world, Guid.NewGuid(), "vnpt-bn", "lý do")).Outcome);
        Assert.Equal(ManualEngagementOutcome.UnknownUnit, (await EngageAsync(world, open, "khong-co", "lý do")).Outcome);
        var onClosed = await EngageAsync(world, closed, "viettel-bn", "lý do");
        Assert.Equal((ManualEngagementOutcome.Conflict, "Sự cố đã đóng / the incident is closed"), (onClosed.Outcome, onClosed.Detail));
        var again = await EngageAsync(world, open, "vnpt-bn", "Đề nghị xem lại");
        Assert.Equal(ManualEngagementOutcome.Conflict, again.Outcome);
        Assert.StartsWith("Đơn vị đã từ chối sự cố này", again.Detail, StringComparison.Ordinal);

        Assert.Equal(before, ((await world.NotificationsAsync(open)).Count, (await world.OutboxAsync()).Count));
        Assert.Empty(await world.NotificationsAsync(closed));
        Assert.False(await world.WithDbAsync(db => db.Engagements.AnyAsync(e => e.IncidentId == closed || e.UnitCode == "khong-co", Cancel)));
    }

    [Fact]
    public async Task A_closed_incident_engages_nobody_even_a_unit_that_is_on_it()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world);
        var first = await EngageAsync(world, incident, "viettel-bn", "Đường truyền Viettel");
        await world.WithDbAsync(async db =>
        {
            var copy = await db.Incidents.SingleAsync(i => i.IncidentId == incident, Cancel);
            (copy.Status, copy.StateVersion) = (IncidentStatuses.Closed, copy.StateVersion + 1);
            return await db.SaveChangesAsync(Cancel);
        });

        var again = await EngageAsync(world, incident, "viettel-bn", "Nhắc lại");

        Assert.Equal((ManualEngagementOutcome.Conflict, "Sự cố đã đóng / the incident is closed"), (again.Outcome, again.Detail));
        Assert.Equal(first.Engagement!.Id, Assert.Single(await world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == incident).ToListAsync(Cancel))).Id);
    }

    [Fact]
    public async Task An_engagement_announced_again_still_says_who_engaged_the_unit_and_why()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world);
        await EngageAsync(world, incident, "viettel-bn", "Hệ thống dùng đường truyền Viettel");

        Assert.Equal(1, await world.Resender().RedriveAsync(Cancel));

        var announcements = (await world.OutboxAsync()).Where(m => m.Type == "UnitsEngaged").ToList();
        Assert.Equal(2, announcements.Count);
        var repeat = announcements[1].Body;
        Assert.Contains("\"repeat\":true", repeat, StringComparison.Ordinal);
        Assert.Contains("\"engagedBy\":\"Trần Thu Hà\"", repeat, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Hệ thống dùng đường truyền Viettel\"", repeat, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_longest_name_and_reason_are_kept_whole()
    {
        await using var world = await WorldAsync();
        var incident = await CopyAsync(world);
        var name = new string('Đ', 300);
        var reason = new string('ắ', 2000);

        var result = await world.InScopeAsync(sp => sp.GetRequiredService<ManualEngagements>().EngageAsync(incident, "stc-bn", reason, new EngagementActor(name, "web"), Cancel));

        var engagement = await world.EngagementAsync(result.Engagement!.Id);
        Assert.Equal((name, reason), (engagement.EngagedBy, engagement.EngagedReason));
    }

    private static Task<ManualEngagementResult> EngageAsync(EngagementWorld world, Guid incident, string unit, string reason) =>
        world.InScopeAsync(sp => sp.GetRequiredService<ManualEngagements>().EngageAsync(incident, unit, reason, new EngagementActor("Trần Thu Hà", "api"), Cancel));

    /// <summary>The copy of an incident that routing keeps.</summary>
    private static Task<Guid> CopyAsync(EngagementWorld world, bool serious = false, string status = IncidentStatuses.Containment) => world.WithDbAsync(async db =>
    {
        var id = Guid.NewGuid();
        db.Incidents.Add(new IncidentCopy
        {
            IncidentId = id, Number = $"SC-2026-{Random.Shared.Next(10000, 99999)}", Title = "Mã độc trên máy chủ Sở Tài chính", Classification = "malicious-code:infected-system",
            SeverityLevel = 4, Serious = serious, Tlp = "AMBER", Deadlines = "[]", Status = status, StateVersion = 1, UpdatedAt = TimeProvider.System.GetUtcNow(),
        });
        await db.SaveChangesAsync(Cancel);
        return id;
    });
}

public sealed class SqliteManualEngagementTests : ManualEngagementTests
{
    protected override Task<EngagementWorld> WorldAsync() => EngagementWorld.SqliteAsync();
}

public sealed class PostgresManualEngagementTests(InfrastructureFixture infrastructure) : ManualEngagementTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<EngagementWorld> WorldAsync() =>
        await EngagementWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("manual_" + Guid.NewGuid().ToString("N")[..12]));
}
