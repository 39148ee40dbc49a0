using System.Text.Json;
using IncidentResponse.Contracts.Alerts;
using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Events;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Reports;
using IncidentResponse.Intake.Tests.Support;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Intake.Tests.Alerts;

/// <summary>The machine doors' alert bookkeeping, on a real (SQLite) intake database.</summary>
public sealed class AlertIntakeTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_sender_that_goes_away_while_its_alert_is_being_written_does_not_cancel_the_write()
    {
        using var database = await SqliteIntake.CreateAsync();
        using var sender = new CancellationTokenSource();
        await using var db = database.NewContext(CommandWatch.HangUpOnInsert(sender));
        var alerts = new AlertIntake(db, new ReportInbox(db, TimeProvider.System), TimeProvider.System, Options.Create(new MachineIntakeOptions()));
        var source = new AlertSource(Guid.NewGuid(), "Prometheus", AlertSource.AlertmanagerChannel, IncidentResponse.Access.Integrations.ResolveBehaviours.Resolve);

        var outcome = await alerts.ApplyAsync(source, AlertAction.Trigger, "group-1", "Cổng dịch vụ công không phản hồi",
            () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, sender.Token);

        Assert.True(sender.IsCancellationRequested); // the sender hung up during the INSERT
        Assert.Equal(AlertOutcome.Opened, outcome.Result);
        await using var check = database.NewContext();
        var alert = await check.Alerts.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal(outcome.ReportId, alert.ReportId);
        Assert.True(await check.Reports.AnyAsync(r => r.Id == alert.ReportId, Cancel)); // its report and announcement with it
        Assert.Equal(1, await check.OutboxMessages.CountAsync(Cancel));
    }

    [Fact]
    public async Task Repeats_are_told_at_once_the_first_time_then_together_at_most_every_RepeatNoticeEvery()
    {
        using var database = await SqliteIntake.CreateAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero));
        await using var db = database.NewContext();
        var alerts = new AlertIntake(db, new ReportInbox(db, clock), clock, Options.Create(new MachineIntakeOptions { RepeatNoticeEvery = TimeSpan.FromMinutes(15) }));
        var source = new AlertSource(Guid.NewGuid(), "Zabbix", AlertSource.EventsApiChannel, IncidentResponse.Access.Integrations.ResolveBehaviours.Resolve);
        Task<AlertOutcome> Apply(AlertAction action) =>
            alerts.ApplyAsync(source, action, "portal-down", "Cổng dịch vụ công không phản hồi", () => ReportValidation.Validate(Requests.Ddos, Requests.Now).Report!, Cancel);

        Assert.Equal(AlertOutcome.Opened, (await Apply(AlertAction.Trigger)).Result);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(AlertOutcome.Repeated, (await Apply(AlertAction.Trigger)).Result);
        for (var i = 0; i < 50; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(15)); // a source firing every 15 s for 12.5 minutes
            Assert.Equal(AlertOutcome.Repeated, (await Apply(AlertAction.Trigger)).Result);
        }

        Assert.Equal([(ExternalAlertChanges.Repeated, 2, 1)], await ChangesAsync(db));

        clock.Advance(TimeSpan.FromMinutes(3)); // 15 minutes after the first repeat was told
        await Apply(AlertAction.Trigger);
        clock.Advance(TimeSpan.FromSeconds(15));
        await Apply(AlertAction.Trigger);
        clock.Advance(TimeSpan.FromSeconds(15));
        await Apply(AlertAction.Resolve);

        Assert.Equal([(ExternalAlertChanges.Repeated, 2, 1), (ExternalAlertChanges.Repeated, 53, 51), (ExternalAlertChanges.Resolved, 54, 1)], await ChangesAsync(db));
        var alert = await db.Alerts.AsNoTracking().SingleAsync(Cancel);
        Assert.Equal((54, 54), (alert.Triggers, alert.TriggersAnnounced));
    }

    private static async Task<List<(string Change, int Triggers, int Unannounced)>> ChangesAsync(IncidentResponse.Intake.Data.IntakeDbContext db) =>
        [.. (await db.OutboxMessages.AsNoTracking().ToListAsync(Cancel))
            .Select(m => JsonSerializer.Deserialize(m.Body, OutboxSerializer.ResolveType(m.MessageType), OutboxSerializer.Options))
            .OfType<ExternalAlertChanged>().OrderBy(c => c.OccurredAt).Select(c => (c.Change, c.Triggers, c.Unannounced))];
}
