using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Tests.Incidents;

/// <summary>
/// The services' answers to incident states, as batches and as single answers, given at once, twice, or an older
/// after a newer: the state is marked synced once every subscriber holds it, never for an older one.
/// </summary>
public sealed class StateAnswerTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Answers_given_at_once_twice_and_out_of_order_mark_the_state_synced_only_when_both_services_hold_it_on_SQLite()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await SyncedWhenAllHoldAsync(() => database.NewContext());
    }

    [Fact]
    public async Task Answers_given_at_once_twice_and_out_of_order_mark_the_state_synced_only_when_both_services_hold_it_on_PostgreSQL()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-answers");
        await SyncedWhenAllHoldAsync(() => database.NewContext());
    }

    private static async Task SyncedWhenAllHoldAsync(Func<TriageDbContext> newContext)
    {
        var (first, second) = (await TestIncidents.OpenAsync(newContext), await TestIncidents.OpenAsync(newContext, "SC-2026-00043"));
        await using (var db = newContext())
        {
            await db.Incidents.ExecuteUpdateAsync(s => s.SetProperty(i => i.StateVersion, 2), Cancel);
        }

        var now = TimeProvider.System.GetUtcNow();
        // Notifications holds version 2 of both; escalation answers version 2 of the first and, twice and then late, version 1 of the second.
        await Task.WhenAll(
            RecordAsync(newContext, [new(first.Id, 2, "notifications", now), new(second.Id, 2, "notifications", now)]),
            RecordAsync(newContext, [new(first.Id, 2, "escalation", now), new(second.Id, 1, "escalation", now)]),
            RecordAsync(newContext, [new(second.Id, 1, "escalation", now)]));

        await using (var db = newContext())
        {
            Assert.True((await db.Incidents.SingleAsync(i => i.Id == first.Id, Cancel)).StateSynced);
            Assert.False((await db.Incidents.SingleAsync(i => i.Id == second.Id, Cancel)).StateSynced);
            Assert.Equal(4, await db.StateReceipts.CountAsync(Cancel));
        }

        await RecordAsync(newContext, [new(second.Id, 2, "escalation", now), new(second.Id, 1, "escalation", now)]);
        await using (var db = newContext())
        {
            Assert.True((await db.Incidents.SingleAsync(i => i.Id == second.Id, Cancel)).StateSynced);
            Assert.Equal(2, (await db.StateReceipts.SingleAsync(r => r.IncidentId == second.Id && r.Service == "escalation", Cancel)).StateVersion);
        }
    }

    private static async Task RecordAsync(Func<TriageDbContext> newContext, IReadOnlyList<IncidentStateApplied> answers)
    {
        await using var db = newContext();
        await new IncidentStateAppliedConsumer(db, Options.Create(new TriageOptions())).RecordAsync(answers, Cancel);
    }
}
