using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// What triage's database does for one report that opens an incident, which five units are engaged on and
/// five notices delivered for (issue 23's budget): transactions, rows written and messages published, per stage.
/// </summary>
public sealed class TriageWorkTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task One_new_incident_with_five_units_and_five_deliveries_costs_triage_a_handful_of_transactions()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-work");
        var work = new WorkCounter();
        await using var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddSingleton(Options.Create(new TriageOptions()))
            .AddSingleton(ShippedRules.RuleBook)
            .AddSingleton<IncidentNumbers>()
            .AddSingleton<TriageBatcher>()
            .AddScoped<ReportTriage>()
            .AddScoped<TriageDbContext>(_ => database.NewContext(work))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<ReportReceivedConsumer>();
                bus.AddConsumer<PartnerActivityConsumer>();
                bus.AddConsumer<IncidentStateAppliedConsumer>();
            })
            .BuildServiceProvider(true);
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var output = TestContext.Current.TestOutputHelper!;
        var now = TimeProvider.System.GetUtcNow();
        var stages = new List<(string Stage, int Transactions, int Rows, int Messages)>();

        async Task<(int, int, int)> MeasureAsync(string stage, Func<Task> act, Func<TriageDbContext, Task<bool>> done)
        {
            var before = await OutboxAsync(database);
            work.Reset();
            await act();
            await UntilAsync(database, done, () => string.Join("; ", harness.PublishedSoFar<Fault>().Select(f => ((Fault)f.MessageObject).Exceptions[0].Message)));
            var figures = (work.Transactions, work.Rows, await OutboxAsync(database) - before);
            stages.Add((stage, figures.Item1, figures.Item2, figures.Item3));
            output.WriteLine($"{stage}: {figures.Item1} transactions, {figures.Item2} rows, {figures.Item3} messages");
            return figures;
        }

        var report = new ReportReceived(NewId.NextGuid(), now, "api", "Trung tâm Hành chính công", SampleReports.DdosAsAnnounced("Cổng dịch vụ công"));
        await MeasureAsync("triage", () => harness.Bus.Publish(new ReportsReceived([report]), Cancel), async db => await db.IncidentReports.AnyAsync(Cancel));

        Incident incident;
        await using (var db = database.NewContext())
        {
            incident = await db.Incidents.AsNoTracking().SingleAsync(Cancel);
        }

        var engaged = Enumerable.Range(1, 5).Select(i => new UnitEngaged(
            NewId.NextGuid(), incident.Id, incident.Number, $"unit-{i}", $"Đơn vị {i}", $"Unit {i}", "rule", "2026.1", 3, false, 1, now)).ToList();
        // Notifications' answer to the state rides with the units it engaged; escalation answers on its own.
        await MeasureAsync("5 units engaged", () => harness.Bus.Publish(new UnitsEngaged(engaged, [new IncidentStateApplied(incident.Id, 1, "notifications", now)]), Cancel),
            async db => await LengthAsync(db, 7) && await db.StateReceipts.AnyAsync(r => r.Service == "notifications", Cancel));
        var delivered = engaged.Select(e => new NotificationDelivered(
            NewId.NextGuid(), incident.Id, incident.Number, e.UnitCode, "Nguyễn Văn A", "email", "a@example.invalid", 1, "250 OK", now)).ToList();
        await MeasureAsync("5 notices delivered", () => harness.Bus.Publish(new NotificationsDelivered(delivered), Cancel), db => LengthAsync(db, 12));
        await MeasureAsync("1 state applied", () => harness.Bus.Publish(
            new IncidentStatesApplied([new IncidentStateApplied(incident.Id, 1, "escalation", now)]), Cancel), db => db.Incidents.AnyAsync(i => i.StateSynced, Cancel));

        output.WriteLine($"total: {stages.Sum(s => s.Transactions)} transactions, {stages.Sum(s => s.Rows)} rows, {stages.Sum(s => s.Messages)} messages");
        // Before batches (measured on ffdc923 with the single messages): 7 + 5 + 5 + 8 = 25 transactions, 47 rows, 3 messages.
        // Since notifications' answer rides in UnitsEngaged: the same transactions, one message fewer for notifications to send.
        Assert.Equal([1, 2, 1, 1], stages.Select(s => s.Transactions));
        Assert.Equal(2, stages.Sum(s => s.Messages)); // ReportsTriaged and one IncidentTriaged
        await using (var db = database.NewContext())
        {
            var stored = await db.Incidents.AsNoTracking().SingleAsync(Cancel);
            Assert.Equal(12, stored.TimelineLength); // opened, triaged, 5 engaged, 5 delivered
            Assert.True(stored.StateSynced);
            Assert.True((await db.VerifyAsync(stored, Cancel)).Valid);
        }
    }

    private static Task<bool> LengthAsync(TriageDbContext db, int length) => db.Incidents.AnyAsync(i => i.TimelineLength >= length, Cancel);

    private static async Task UntilAsync(PostgresDatabase database, Func<TriageDbContext, Task<bool>> done, Func<string> faults)
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(30); waited += TimeSpan.FromMilliseconds(50))
        {
            await using var db = database.NewContext();
            if (await done(db))
            {
                await Task.Delay(200, Cancel); // anything else the stage does lands too
                return;
            }

            await Task.Delay(50, Cancel);
        }

        Assert.Fail("the stage did not finish in 30 s: " + faults());
    }

    private static async Task<int> OutboxAsync(PostgresDatabase database)
    {
        await using var db = database.NewContext();
        return await db.OutboxMessages.CountAsync(Cancel);
    }
}
