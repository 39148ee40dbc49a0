using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Incidents;

/// <summary>
/// Changes reach those already engaged: when a newer state makes the incident serious or raises its severity or TLP,
/// each engaged unit gets one update notice; a decrease, a repeat or a closed incident tells nobody.
/// </summary>
public sealed class UpdateNoticeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Becoming_serious_sends_each_unit_already_engaged_one_update_however_often_the_state_comes()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3));
        var engagedFirst = (await Engagements(world, incident)).Select(e => e.UnitCode).Order().ToList();
        Assert.Equal(["pa05-bn", "skhcn-bn", "vncert", "vnpt-bn", "vp-ubnd-bn"], engagedFirst); // routing 2026.2: owner, chain, ISP, department

        var serious = State(incident, 2, severity: 4, serious: true);
        await world.DeliverAsync(serious);
        await world.DeliverAsync(serious); // re-sent by triage's redrive loop: the copy already holds version 2

        var updates = (await world.NotificationsAsync(incident)).Where(n => n.Kind == nameof(NoticeKind.Update)).ToList();
        Assert.Equal(engagedFirst, updates.Select(n => n.UnitCode).Order());
        Assert.All(updates, n => Assert.Equal(NotificationOrigins.Update, n.Origin));
        var notice = JsonSerializer.Deserialize<Notice>(updates[0].Notice, DirectoryJson.Options)!;
        Assert.Equal(new NoticeChange(true, 3, 4, null, null), notice.Change);
        Assert.Contains("sự cố đã được xác định là nghiêm trọng", notice.ReasonVi, StringComparison.Ordinal);

        var units = (await Engagements(world, incident)).Select(e => e.UnitCode).ToList();
        Assert.Contains("bcd-bn", units); // the new state's units are engaged as always, with their first notice, not an update
        Assert.DoesNotContain(updates, n => n.UnitCode == "bcd-bn");
    }

    [Fact]
    public async Task A_raised_TLP_is_told_and_the_update_is_redacted_by_the_dispatcher_like_any_notice()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3, tlp: "GREEN"));

        await world.DeliverAsync(State(incident, 2, severity: 3, tlp: "RED"));

        var update = Assert.Single(await world.NotificationsAsync(incident), n => n.Kind == nameof(NoticeKind.Update) && n.UnitCode == "vnpt-bn");
        var notice = JsonSerializer.Deserialize<Notice>(update.Notice, DirectoryJson.Options)!;
        Assert.Equal(("GREEN", "RED"), (notice.Change!.TlpFrom, notice.Change.TlpTo));
        Assert.Equal("RED", notice.Tlp);
    }

    [Fact]
    public async Task A_corrected_classification_is_told_to_units_engaged_with_the_new_classs_playbook()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3, classification: "availability:outage"));
        var engagedFirst = (await Engagements(world, incident)).Select(e => e.UnitCode).ToHashSet();

        await world.DeliverAsync(State(incident, 2, severity: 3, classification: "malicious-code:infected-system"));

        var updates = (await world.NotificationsAsync(incident)).Where(n => n.Kind == nameof(NoticeKind.Update)).ToList();
        Assert.Equal(engagedFirst.Order(), updates.Select(n => n.UnitCode).Order());
        var notice = JsonSerializer.Deserialize<Notice>(updates[0].Notice, DirectoryJson.Options)!;
        Assert.Equal(("availability:outage", "malicious-code:infected-system"), (notice.Change!.ClassificationFrom, notice.Change.ClassificationTo));
        Assert.Null(notice.Change.SeverityTo);
        Assert.Contains("phân loại đổi từ", notice.ReasonVi, StringComparison.Ordinal);
        Assert.EndsWith("playbooks/malware", notice.PlaybookLink!.AbsolutePath, StringComparison.Ordinal);

        await world.DeliverAsync(State(incident, 3, severity: 3, classification: "MALICIOUS-CODE:INFECTED-SYSTEM")); // the same class, spelt otherwise
        Assert.Equal(updates.Count, (await world.NotificationsAsync(incident)).Count(n => n.Kind == nameof(NoticeKind.Update)));
    }

    [Fact]
    public async Task A_decrease_tells_nobody()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 4, serious: true, tlp: "RED"));

        await world.DeliverAsync(State(incident, 2, severity: 3, serious: false, tlp: "AMBER"));

        Assert.DoesNotContain(await world.NotificationsAsync(incident), n => n.Kind == nameof(NoticeKind.Update));
    }

    [Fact]
    public async Task A_closed_incident_tells_nobody_even_if_it_became_serious()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3));

        await world.DeliverAsync(State(incident, 2, severity: 5, serious: true, status: "closed"));

        Assert.DoesNotContain(await world.NotificationsAsync(incident), n => n.Kind == nameof(NoticeKind.Update));
    }

    [Fact]
    public async Task A_drills_update_goes_to_exercise_contacts_only_and_is_held_without_them()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3) with { Drill = true });

        await world.DeliverAsync(State(incident, 2, severity: 4) with { Drill = true });

        var updates = (await world.NotificationsAsync(incident)).Where(n => n.Kind == nameof(NoticeKind.Update)).ToList();
        Assert.NotEmpty(updates);
        Assert.All(updates, n => Assert.Equal((NotificationStatus.Held, "[]"), (n.Status, n.Destinations)));
    }

    private static Task<List<IncidentResponse.Notifications.Routing.Engagement>> Engagements(EngagementWorld world, Guid incident) =>
        world.WithDbAsync(db => db.Engagements.AsNoTracking().Where(e => e.IncidentId == incident).ToListAsync(Cancel));

    [Fact]
    public async Task The_undetermined_legal_status_reaches_the_notices_and_a_person_s_decision_changes_what_they_say_without_an_update()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var incident = NewId.NextGuid();
        await world.DeliverAsync(State(incident, 1, severity: 3) with { SeriousUndetermined = true });

        var first = (await world.NotificationsAsync(incident)).First(n => n.UnitCode == "vnpt-bn");
        var stored = JsonSerializer.Deserialize<Notice>(first.Notice, DirectoryJson.Options)!;
        Assert.True(stored.SeriousUndetermined);
        Assert.True(await world.WithDbAsync(db => db.Incidents.AsNoTracking().Where(i => i.IncidentId == incident).Select(i => i.SeriousUndetermined).SingleAsync(Cancel)));

        // A person decided "ordinary": the same level and flags, no longer undetermined. Nobody is told again; a notice sent
        // from now on says so.
        await world.DeliverAsync(State(incident, 2, severity: 3) with { SeriousUndetermined = false });
        Assert.DoesNotContain(await world.NotificationsAsync(incident), n => n.Kind == nameof(NoticeKind.Update));
        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == incident, Cancel));
        Assert.False(copy.SeriousUndetermined);
        var asNow = IncidentResponse.Notifications.Deliveries.NotificationDelivery.AsNow(stored, IncidentResponse.Notifications.Deliveries.IncidentFacts.From(copy));
        Assert.False(asNow.SeriousUndetermined);
    }

    private static IncidentTriaged State(
        Guid incident, int version, int severity, bool serious = false, string tlp = "AMBER", string status = "triage", string classification = "availability:ddos") =>
        new(incident, "SC-2026-07100", "DDoS vào Cổng dịch vụ công", classification, severity, 70, serious, tlp, false,
            new AffectedSystem("Cổng dịch vụ công", "Văn phòng UBND tỉnh", null, 4, "VNPT", null, [], [], [], null, null), [], "2026.1",
            TimeProvider.System.GetUtcNow(), status, version);
}
