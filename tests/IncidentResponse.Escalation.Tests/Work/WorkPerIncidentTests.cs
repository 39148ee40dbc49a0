using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Escalation.Tests.Chains;
using IncidentResponse.Escalation.Tests.Support;
using IncidentResponse.Escalation.Timers;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace IncidentResponse.Escalation.Tests.Work;

/// <summary>
/// What escalation asks of the database for one new incident with five engaged units and five legal deadlines (two
/// due at once, three ahead), the way the pipeline delivers them: one state, and the engagements of one routing commit.
/// </summary>
public sealed class WorkPerIncidentTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private const string Serious = """
        version: "t.1"
        effectiveFrom: "2026-01-01T00:00:00+07:00"
        deadlines: { notify: bcd-bn, remindBefore: [1h] }
        policies:
          - id: serious
            name: { vi: "Nghiêm trọng", en: "Serious" }
            steps:
              - after: 5m
                targets: [{ unit: bcd-bn }]
              - after: 5m
                targets: [{ unit: bcd-bn }]
        """;

    private static readonly string[] Units = ["vnpt-bn", "viettel-bn", "fpt-bn", "bcd-bn", "mobifone-bn"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_new_incident_with_five_units_and_five_deadlines_costs_one_transaction_and_one_answer_per_message(bool postgres)
    {
        var database = postgres ? await infrastructure.CreateDatabaseAsync(TestNames.Unique("escalation-work")) : null;
        await using var world = await EscalationWorld.CreateAsync(Serious, postgres: database);
        var counter = new WorkCounter();
        world.Interceptor = counter;
        await using var bus = await ConsumerBus.StartAsync(world);
        var before = await RowsAsync(world);
        counter.Reset();
        var now = world.Clock.GetUtcNow();
        var incident = NewId.NextGuid();

        await bus.DeliverAsync(Opened(incident, now));
        await DeliverEngagementsAsync(bus, incident, now);

        var (transactions, updates, deletes) = (counter.Transactions, counter.Updates, counter.Deletes);
        var after = await RowsAsync(world);
        var inserted = after.Zip(before, (a, b) => (a.Table, Rows: a.Rows - b.Rows)).Where(t => t.Rows != 0).ToList();
        var triggers = (await world.Scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(EscalationTimers.Group), Cancel)).Count;
        var figures = $"{(postgres ? "PostgreSQL" : "SQLite")}: {transactions} transactions, rows inserted "
            + string.Join(", ", inserted.Select(t => $"{t.Table} {t.Rows}")) + $" (total {inserted.Sum(t => t.Rows)}), {updates} updates, "
            + $"{deletes} deletes, {world.Timers.Checks} Quartz checks, {triggers} triggers";
        TestContext.Current.TestOutputHelper?.WriteLine(figures);

        Assert.True(transactions <= 2, figures);
        Assert.Equal(2, inserted.Single(t => t.Table == "outbox_messages").Rows); // one answer to the state, one to the engagements
        Assert.DoesNotContain(inserted, t => t.Table == "inbox_entries");
        Assert.Equal(3, inserted.Single(t => t.Table == "deadline_clocks").Rows); // the two due at once are not clocked
        Assert.Equal(4, world.Timers.Checks); // the three reminders' wake-ups, and one that the five first steps share
    }

    private static Task DeliverEngagementsAsync(ConsumerBus bus, Guid incident, DateTimeOffset at) =>
        bus.DeliverAsync(new UnitsEngaged([.. Units.Select(u => Engaged(incident, u, at))]));

    private static UnitEngaged Engaged(Guid incident, string unit, DateTimeOffset at) =>
        new(NewId.NextGuid(), incident, "SC-2026-00042", unit, unit, unit, "rule", "2026.1", 4, true, 1, at);

    private static IncidentTriaged Opened(Guid incident, DateTimeOffset now) =>
        new(incident, "SC-2026-00042", "Tấn công mã hoá dữ liệu", "malware:ransomware", 4, 80, true, "AMBER", true, null,
            [
                Deadline("immediate-report", now), Deadline("isp-notice", now),
                Deadline("notice", now.AddHours(24)), Deadline("detail-report", now.AddDays(3)), Deadline("closing-report", now.AddDays(30)),
            ],
            "2026.1", now, "new", 1, false, now, NewId.NextGuid(), now);

    private static LegalDeadline Deadline(string id, DateTimeOffset due) =>
        new(id, due, "2026.1", "Hạn " + id, "Deadline " + id, "QĐ 05", ["bcd-bn"]);

    private static async Task<List<(string Table, int Rows)>> RowsAsync(EscalationWorld world)
    {
        await using var db = world.NewContext();
        return
        [
            ("chains", await db.Chains.CountAsync(Cancel)),
            ("deadline_clocks", await db.DeadlineClocks.CountAsync(Cancel)),
            ("incidents", await db.Incidents.CountAsync(Cancel)),
            ("early_milestones", await db.EarlyMilestones.CountAsync(Cancel)),
            ("inbox_entries", await db.InboxEntries.CountAsync(Cancel)),
            ("outbox_messages", await db.OutboxMessages.CountAsync(Cancel)),
        ];
    }
}
