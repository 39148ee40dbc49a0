using System.Text.Json;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Redrive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// The database is the source of truth: a stored report that triage has not answered for within
/// <see cref="IntakeOptions.ReannounceAfter"/> of its announcement (its message lost with an in-memory bus,
/// or parked after a failure) is announced again; on the embedded default, everything announced before a
/// restart and not answered is announced again at once. Triage applies a report once however often it hears
/// of it, and answers every time.
/// </summary>
public sealed class UntriagedReportsReannouncer(
    IServiceScopeFactory scopes,
    RedriveClock clock,
    DatabaseStatus database,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<UntriagedReportsReannouncer> logger) : PeriodicRedrive(database, time, logger)
{
    protected override string What => "reports";

    protected override TimeSpan Interval => options.Value.ReannounceCheckInterval;

    public override async Task<int> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var now = Time.GetUtcNow();
        var due = clock.DueBefore(now, options.Value.ReannounceAfter);
        // Only reports received for triage: one held for an operator's confirmation (or rejected) is never announced from here.
        var stale = await db.Reports
            .Where(r => r.Status == ReportStatuses.Received && r.LastAnnouncedAt < due)
            .OrderBy(r => r.LastAnnouncedAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        if (stale.Count == 0)
        {
            return 0;
        }

        // One announcement for the page, in the transaction that marks its reports announced.
        var announced = new List<ReportReceived>(stale.Count);
        foreach (var report in stale)
        {
            var payload = JsonSerializer.Deserialize<IncidentReport>(report.Payload, ReportInbox.PayloadJson)!;
            announced.Add(new ReportReceived(report.Id, report.ReceivedAt, report.Channel, report.SubmittedByName, payload,
                Email.ReportMessageIds.Of(report.Channel, report.IdempotencyKey)));
            report.LastAnnouncedAt = now;
        }

        db.PublishAfterCommit(new ReportsReceived(announced), now);
        await db.SaveChangesAsync(cancellationToken);

        return stale.Count;
    }
}
