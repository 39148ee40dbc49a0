using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Portal;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Notifications.Tests.Portal;

/// <summary>The partner portal on a real SQLite database: a unit sees only incidents engaging it, each only as far as TLP allows it.</summary>
public sealed class PortalViewTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<PortalIncident?> ViewAsync(EngagementWorld world, Guid incidentId, string? unit) =>
        world.InScopeAsync(sp => sp.GetRequiredService<PortalView>().GetAsync(incidentId, unit, Cancel));

    [Fact]
    public async Task A_unit_sees_only_the_incidents_that_engage_it_and_only_its_own_engagements()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (ofA, _) = await world.EngageAsync("vnpt-bn");
        var (ofB, _) = await world.EngageAsync("viettel-bn");
        var (alsoB, _) = await world.EngageAsync("viettel-bn", incidentId: ofA.IncidentId);

        var listA = await world.InScopeAsync(sp => sp.GetRequiredService<PortalView>().ListAsync("vnpt-bn", false, 1, 50, Cancel));
        var shared = await ViewAsync(world, ofA.IncidentId, "vnpt-bn");

        Assert.Equal([ofA.IncidentId], listA.Items.Select(i => i.IncidentId));
        Assert.Equal(1, listA.Total);
        Assert.Null(await ViewAsync(world, ofB.IncidentId, "vnpt-bn"));
        Assert.Equal([ofA.Id], shared!.Engagements.Select(e => e.Id));
        Assert.DoesNotContain(shared.Engagements, e => e.Id == alsoB.Id);
        var committee = await ViewAsync(world, ofA.IncidentId, null);
        Assert.Equal(2, committee!.Engagements.Count);
    }

    [Theory]
    [InlineData("vnpt-bn", "GREEN", "full", true, true)]
    [InlineData("vnpt-bn", "AMBER", "full", true, true)]
    [InlineData("vnpt-bn", "AMBER+STRICT", "summary", true, false)]
    [InlineData("vnpt-bn", "RED", "minimal", false, false)]
    [InlineData("pa05-bn", "RED", "summary", true, false)]
    public async Task Each_unit_sees_what_the_disclosure_policy_lets_it_see(string unit, string tlp, string level, bool title, bool system)
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync(unit, tlp: tlp);

        var seen = await ViewAsync(world, engagement.IncidentId, unit);

        Assert.Equal(level, seen!.Disclosure);
        Assert.Equal(tlp, seen.Tlp);
        Assert.Equal(title, seen.Title is not null);
        Assert.Equal(system, seen.AffectedSystem is not null || seen.OwnerAgency is not null);
        Assert.Equal(engagement.IncidentNumber, seen.Number);
        Assert.Equal(4, seen.SeverityLevel);
    }

    [Fact]
    public async Task A_unit_that_declined_sees_the_incident_as_it_is_now_not_as_its_last_notice_told_it()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn", tlp: "GREEN");
        await world.ActAsync(engagement.Id, EngagementAction.Decline, "Không thuộc mạng VNPT");

        // Later the incident is raised to TLP:RED and level 5 and closed; a unit that declined is sent no update notice.
        await world.WithDbAsync(async db =>
        {
            db.Incidents.Add(new IncidentCopy
            {
                IncidentId = engagement.IncidentId, Number = engagement.IncidentNumber, Title = "DDoS vào Cổng dịch vụ công", Classification = "availability:ddos",
                SeverityLevel = 5, Serious = true, Tlp = "RED", Deadlines = "[]", Status = "closed", StateVersion = 3, UpdatedAt = TimeProvider.System.GetUtcNow(),
            });
            return await db.SaveChangesAsync(Cancel);
        });

        var seen = await ViewAsync(world, engagement.IncidentId, "vnpt-bn");

        Assert.Equal(("RED", "minimal", 5, "closed"), (seen!.Tlp, seen.Disclosure, seen.SeverityLevel, seen.Status));
        Assert.Null(seen.Title);
        var listed = Assert.Single((await world.InScopeAsync(sp => sp.GetRequiredService<PortalView>().ListAsync("vnpt-bn", false, 1, 50, Cancel))).Items);
        Assert.Equal(("RED", "minimal", 5), (listed.Tlp, listed.Disclosure, listed.SeverityLevel));
        Assert.False(seen.SeriousUndetermined);
    }

    [Fact]
    public async Task A_unit_sees_that_the_legal_status_is_undetermined_until_a_person_decides()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");
        async Task CopyAsync(bool? undetermined, int version) => await world.WithDbAsync(async db =>
        {
            var copy = await db.Incidents.FirstOrDefaultAsync(i => i.IncidentId == engagement.IncidentId, Cancel);
            if (copy is null)
            {
                copy = new IncidentCopy
                {
                    IncidentId = engagement.IncidentId, Number = engagement.IncidentNumber, Title = "DDoS vào Cổng dịch vụ công", Classification = "availability:ddos",
                    SeverityLevel = 3, Tlp = "AMBER", Deadlines = "[]", Status = "triage", UpdatedAt = TimeProvider.System.GetUtcNow(),
                };
                db.Incidents.Add(copy);
            }

            (copy.SeriousUndetermined, copy.StateVersion) = (undetermined, version);
            return await db.SaveChangesAsync(Cancel);
        });

        await CopyAsync(undetermined: true, version: 1);
        Assert.True((await ViewAsync(world, engagement.IncidentId, "vnpt-bn"))!.SeriousUndetermined);

        await CopyAsync(undetermined: false, version: 2);
        Assert.False((await ViewAsync(world, engagement.IncidentId, "vnpt-bn"))!.SeriousUndetermined);

        // Not known (a copy kept before the flag was carried): the portal claims nothing, rather than "ordinary".
        await CopyAsync(undetermined: null, version: 3);
        Assert.Null((await ViewAsync(world, engagement.IncidentId, "vnpt-bn"))!.SeriousUndetermined);
    }

    [Fact]
    public async Task A_page_of_incidents_shows_each_as_its_own_read_does()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var tlps = new[] { "GREEN", "AMBER+STRICT", "RED", "AMBER" };
        foreach (var tlp in tlps)
        {
            await world.EngageAsync("vnpt-bn", tlp: tlp);
        }

        var (shared, _) = await world.EngageAsync("viettel-bn");
        await world.EngageAsync("vnpt-bn", incidentId: shared.IncidentId, tlp: "RED"); // the unit's own notice is the one it sees

        var page = await world.InScopeAsync(sp => sp.GetRequiredService<PortalView>().ListAsync("vnpt-bn", false, 1, 50, Cancel));

        Assert.Equal(5, page.Items.Count);
        foreach (var item in page.Items)
        {
            var own = await ViewAsync(world, item.IncidentId, "vnpt-bn");
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(own), System.Text.Json.JsonSerializer.Serialize(item));
        }

        Assert.Equal("RED", page.Items.Single(i => i.IncidentId == shared.IncidentId).Tlp);
    }

    [Fact]
    public async Task A_note_of_the_unit_is_announced_for_the_timeline_and_another_units_note_is_not_found()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (engagement, _) = await world.EngageAsync("vnpt-bn");
        var before = (await world.OutboxAsync()).Count;

        var foreign = await world.InScopeAsync(sp => sp.GetRequiredService<EngagementNotes>().AddAsync(
            engagement.Id, new EngagementActor("Người của Viettel", "web"), "ghi chú", e => e.UnitCode == "viettel-bn", Cancel));
        Assert.Null(foreign);
        Assert.Equal(before, (await world.OutboxAsync()).Count);

        var note = await world.InScopeAsync(sp => sp.GetRequiredService<EngagementNotes>().AddAsync(
            engagement.Id, new EngagementActor("Phạm Minh Đức", "web"), "Đã chặn IP nguồn tấn công", e => e.UnitCode == "vnpt-bn", Cancel));

        Assert.NotNull(note);
        var outbox = await world.OutboxAsync();
        Assert.Equal(before + 1, outbox.Count);
        Assert.Equal("EngagementNoteAdded", outbox[^1].Type);
        Assert.Contains("Đã chặn IP nguồn tấn công", outbox[^1].Body, StringComparison.Ordinal);
        Assert.Equal((engagement.IncidentId, "vnpt-bn"), (note.IncidentId, note.UnitCode));
    }
}
