using IncidentResponse.Intake.Alerts;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Intake.Tests.Reports;
using IncidentResponse.Intake.Tests.Support;
using Microsoft.EntityFrameworkCore;

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
        var alerts = new AlertIntake(db, new ReportInbox(db, TimeProvider.System), TimeProvider.System);
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
}
