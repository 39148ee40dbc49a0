using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Analytics;

/// <summary>What analytics read from the incident copy: when the incident opened and closed, and each duty with its submission time.</summary>
public sealed class IncidentCopyTimesTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 2, 3, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static IncidentTriaged State(Guid id, int version, string status, DateTimeOffset at, params LegalDeadline[] duties) =>
        new(id, "SC-2026-77001", "DDoS vào Cổng dịch vụ công", "availability:ddos", 4, 70, false, "AMBER", false,
            new AffectedSystem("Cổng dịch vụ công", "Văn phòng UBND tỉnh", null, 4, "VNPT", null, [], [], [], null, null), duties, "2026.1",
            at, status, version, OpenedAt: version == 1 ? Opened : null);

    private static LegalDeadline Duty(string id, DateTimeOffset due, string state = DutyStates.Due, DateTimeOffset? submitted = null) =>
        new(id, due, "vn-2026-07", "Báo cáo", "Report", "Điều 11", ["VNCERT/CC"], state, submitted);

    [Fact]
    public async Task The_copy_keeps_when_the_incident_opened_and_closed_and_each_duty_with_its_submission_time()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var id = Guid.NewGuid();

        await world.DeliverAsync(State(id, 1, IncidentStatuses.New, Opened, Duty("initial-report", Opened.AddHours(24)), Duty("notice", Opened.AddHours(72))));
        await world.DeliverAsync(State(id, 2, IncidentStatuses.Closed, Opened.AddHours(5),
            Duty("initial-report", Opened.AddHours(24), DutyStates.Submitted, Opened.AddHours(23)), Duty("closing-report", Opened.AddDays(3))));

        var copy = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == id, Cancel));
        var duties = await world.WithDbAsync(db => db.IncidentDuties.AsNoTracking().Where(d => d.IncidentId == id).OrderBy(d => d.Kind).ToListAsync(Cancel));
        Assert.Equal((Opened, Opened.AddHours(5)), (copy.OpenedAt, copy.ClosedAt));
        Assert.Equal(["closing-report", "initial-report"], duties.Select(d => d.Kind));
        Assert.Equal((DutyStates.Submitted, Opened.AddHours(23)), (duties[1].State, duties[1].SubmittedAt));
        Assert.Equal((DutyStates.Due, (DateTimeOffset?)null), (duties[0].State, duties[0].SubmittedAt));

        await world.DeliverAsync(State(id, 3, IncidentStatuses.Recovery, Opened.AddHours(6)));
        var reopened = await world.WithDbAsync(db => db.Incidents.AsNoTracking().SingleAsync(i => i.IncidentId == id, Cancel));
        Assert.Equal((Opened, (DateTimeOffset?)null), (reopened.OpenedAt, reopened.ClosedAt));
        Assert.Empty(await world.WithDbAsync(db => db.IncidentDuties.Where(d => d.IncidentId == id).ToListAsync(Cancel)));
    }
}
