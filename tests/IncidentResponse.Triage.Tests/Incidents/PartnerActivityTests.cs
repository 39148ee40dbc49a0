using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using MassTransit;
using MassTransit.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// Units engaged and notices delivered land on the incident's timeline once each, in the order given, in one
/// transaction per message: as batches (<see cref="UnitsEngaged"/>, <see cref="NotificationsDelivered"/>) and as
/// the single messages of earlier versions, given twice, overlapping, or announced again; and an element about an
/// incident triage does not know fails alone.
/// </summary>
public sealed class PartnerActivityTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Batches_given_twice_overlapping_and_as_single_messages_put_each_unit_and_delivery_on_once_in_order_on_SQLite()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await EachOnceInOrderAsync(interceptor => database.NewContext(interceptor));
    }

    [Fact]
    public async Task Batches_given_twice_overlapping_and_as_single_messages_put_each_unit_and_delivery_on_once_in_order_on_PostgreSQL()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-partner");
        await EachOnceInOrderAsync(interceptor => database.NewContext(interceptor));
    }

    [Fact]
    public async Task A_delivery_for_an_unknown_incident_fails_its_message_but_the_rest_of_its_batch_is_appended()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await using var services = Bus(() => database.NewContext());
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var now = TimeProvider.System.GetUtcNow();
        var deliveries = Enumerable.Range(1, 5).Select(i => Delivered(i == 3 ? Guid.NewGuid() : incident.Id, $"unit-{i}", now)).ToList();

        await harness.Bus.Publish(new NotificationsDelivered(deliveries), Cancel);

        Assert.True(await harness.Published.Any<Fault<NotificationsDelivered>>(Cancel));
        await using var db = database.NewContext();
        var entries = await EntriesAsync(db, incident.Id);
        Assert.Equal(["delivered:" + deliveries[0].NotificationId, "delivered:" + deliveries[1].NotificationId, "delivered:" + deliveries[3].NotificationId,
            "delivered:" + deliveries[4].NotificationId], entries.Select(e => e.SourceKey));
        Assert.True((await db.VerifyAsync(await db.Incidents.SingleAsync(i => i.Id == incident.Id, Cancel), Cancel)).Valid);
    }

    private static async Task EachOnceInOrderAsync(Func<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor?, TriageDbContext> newContexts)
    {
        TriageDbContext newContext() => newContexts(null);
        var incident = await TestIncidents.OpenAsync(newContext);
        var other = await TestIncidents.OpenAsync(newContext, "SC-2026-00043");
        var work = new WorkCounter();
        await using var services = Bus(() => newContexts(work));
        var harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
        var now = TimeProvider.System.GetUtcNow();
        var engaged = Enumerable.Range(1, 5).Select(i => Engaged(i == 5 ? other.Id : incident.Id, $"unit-{i}", now.AddSeconds(i))).ToList();

        // One batch on two incidents, the same batch again, one overlapping it, a single message of an earlier
        // version, and a repeat announcement of a unit already on.
        await ConsumeAsync(harness, new UnitsEngaged(engaged[..3].Append(engaged[4]).ToList()));
        Assert.Equal(1, work.Transactions);
        await ConsumeAsync(harness, new UnitsEngaged(engaged[..3].Append(engaged[4]).ToList()));
        await ConsumeAsync(harness, new UnitsEngaged([engaged[2], engaged[3]]));
        await ConsumeAsync(harness, engaged[0] with { Repeat = true });
        var deliveries = engaged.Select(e => Delivered(e.IncidentId, e.UnitCode, now.AddMinutes(1))).ToList();
        await ConsumeAsync(harness, new NotificationsDelivered(deliveries[..2]));
        await ConsumeAsync(harness, deliveries[1]);
        await ConsumeAsync(harness, new NotificationsDelivered(deliveries));

        Assert.False(await harness.Published.Any<Fault>(Cancel));
        await using var db = newContext();
        var entries = await EntriesAsync(db, incident.Id);
        Assert.Equal(
            engaged[..4].Select(e => "engaged:" + e.EngagementId).Concat(deliveries[..4].Select(d => "delivered:" + d.NotificationId)),
            entries.Select(e => e.SourceKey));
        Assert.Equal(Enumerable.Range(1, 8), entries.Select(e => e.Sequence));
        Assert.Equal(2, (await EntriesAsync(db, other.Id)).Count);
        foreach (var stored in await db.Incidents.AsNoTracking().ToListAsync(Cancel))
        {
            var check = await db.VerifyAsync(stored, Cancel);
            Assert.True(check.Valid, string.Join("; ", check.Problems));
        }

        Assert.Empty(await db.InboxEntries.ToListAsync(Cancel)); // the source key is the record, not an inbox row
    }

    private static async Task ConsumeAsync<T>(ITestHarness harness, T message)
        where T : class
    {
        var id = NewId.NextGuid();
        await harness.Bus.Publish(message, c => c.MessageId = id, Cancel);
        for (var waited = 0; waited < 300 && !harness.WasConsumed<T>(id); waited++)
        {
            await Task.Delay(100, Cancel);
        }

        // A consume that threw is recorded before its fault is published: wait for one (the asynchronous read cannot
        // deadlock; it ends at the harness's first idle moment).
        if (await harness.Published.Any<Fault<T>>(Cancel))
        {
            var fault = harness.PublishedSoFar<Fault<T>>()[0].Context.Message.Exceptions[0];
            Assert.Fail($"{fault.ExceptionType}: {fault.Message}\n{fault.StackTrace}"
                + (fault.InnerException is { } inner ? $"\ninner {inner.ExceptionType}: {inner.Message}" : string.Empty));
        }

        Assert.True(harness.WasConsumed<T>(id), $"{typeof(T).Name} {id} was not consumed");
    }

    private static ServiceProvider Bus(Func<TriageDbContext> newContext) => new ServiceCollection()
        .AddSingleton(TimeProvider.System)
        .AddScoped(_ => newContext())
        .AddMassTransitTestHarness(bus => bus.AddConsumer<PartnerActivityConsumer>())
        .BuildServiceProvider(true);

    private static Task<List<TimelineEntry>> EntriesAsync(TriageDbContext db, Guid incidentId) =>
        db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incidentId).OrderBy(e => e.Sequence).ToListAsync(Cancel);

    private static UnitEngaged Engaged(Guid incidentId, string unit, DateTimeOffset at) =>
        new(NewId.NextGuid(), incidentId, "SC-2026-00042", unit, $"Đơn vị {unit}", $"Unit {unit}", "rule", "2026.1", 3, false, 1, at);

    private static NotificationDelivered Delivered(Guid incidentId, string unit, DateTimeOffset at) =>
        new(NewId.NextGuid(), incidentId, "SC-2026-00042", unit, "Nguyễn Văn A", "email", "a@example.invalid", 1, "250 OK", at);
}
