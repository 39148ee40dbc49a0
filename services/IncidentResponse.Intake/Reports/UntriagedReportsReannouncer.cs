using IncidentResponse.ServiceDefaults;
using System.Text.Json;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// The database is the source of truth: a stored report that triage has not taken within
/// <see cref="IntakeOptions.ReannounceAfter"/> (its message lost with an in-memory bus, or left in
/// an error queue) is announced again. Triage applies a report once, however often it hears of it.
/// </summary>
public sealed partial class UntriagedReportsReannouncer(
    IServiceScopeFactory scopes,
    DatabaseStatus database,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<UntriagedReportsReannouncer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReannounceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, Failures.Describe(ex));
            }

            await Task.Delay(options.Value.ReannounceCheckInterval, time, stoppingToken);
        }
    }

    public async Task<int> ReannounceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        var now = time.GetUtcNow();
        var due = now - options.Value.ReannounceAfter;
        var stale = await db.Reports
            .Where(r => r.Status == ReportStatuses.Received && r.LastAnnouncedAt < due)
            .OrderBy(r => r.LastAnnouncedAt)
            .Take(100)
            .ToListAsync(cancellationToken);
        foreach (var report in stale)
        {
            var payload = JsonSerializer.Deserialize<IncidentReport>(report.Payload, ReportInbox.PayloadJson)!;
            db.PublishAfterCommit(new ReportReceived(report.Id, report.ReceivedAt, report.Channel, report.SubmittedByName, payload), now);
            report.LastAnnouncedAt = now;
        }

        if (stale.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
            LogReannounced(logger, stale.Count, options.Value.ReannounceAfter.TotalSeconds);
        }

        return stale.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Announced {Count} report(s) again: not triaged {Seconds} s after their announcement")]
    private static partial void LogReannounced(ILogger logger, int count, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not look for untriaged reports: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
