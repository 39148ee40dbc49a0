using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Partners;
using IncidentResponse.ServiceDefaults.Redrive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// Sends a legal deadline's alert again while notifications has not answered it (the alert lost with an
/// in-memory bus, or parked after a failure there): the clock has moved on, so nothing else would. The
/// committee is told of each stage once however often it is sent.
/// </summary>
public sealed class DeadlineAlertResender(
    IServiceScopeFactory scopes, RedriveClock clock, PolicyBook policies, IOptions<EscalationOptions> options, DatabaseStatus database, TimeProvider time,
    ILogger<DeadlineAlertResender> logger) : PeriodicRedrive(database, time, logger)
{
    protected override string What => "legal deadline alerts";

    protected override TimeSpan Interval => options.Value.ResendCheckInterval;

    public override async Task<int> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var directory = scope.ServiceProvider.GetService<IPartnerDirectory>();
        var now = Time.GetUtcNow();
        var due = clock.DueBefore(now, options.Value.ResendAfter);
        var owed = await db.DeadlineClocks
            .Where(c => c.AlertOwed != null && c.AlertSentAt < due)
            .OrderBy(c => c.AlertSentAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        foreach (var c in owed)
        {
            var notify = policies.VersionNamed(c.PolicyVersion, now).Deadlines.NotifyOf(c.AlertOwed!);
            db.PublishAfterCommit(await DeadlineAlerts.OfAsync(db, directory, c, c.AlertOwed!, notify, c.AlertRequestedAt!.Value, logger, cancellationToken), now);
            c.AlertSentAt = now;
        }

        if (owed.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return owed.Count;
    }
}
