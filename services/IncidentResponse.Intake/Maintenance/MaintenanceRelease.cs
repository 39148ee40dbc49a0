using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.ServiceDefaults;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Maintenance;

/// <summary>
/// Releases to triage the held report of every alert still open when the maintenance windows of its integration are
/// over: the outage outlasted the planned work, so it is an incident, detected when the alert first came. Each report is
/// released once however many Hosts look (<see cref="HeldReports.ConfirmAsync"/> moves it out of the held state in the
/// transaction that announces it).
/// </summary>
public sealed partial class MaintenanceRelease(
    IServiceScopeFactory scopes,
    DatabaseStatus database,
    IOptions<MaintenanceOptions> options,
    TimeProvider time,
    ILogger<MaintenanceRelease> logger) : PeriodicWork(database, time, logger)
{
    /// <summary>At most this many reports are released in one look; the next look takes the rest.</summary>
    public const int Batch = 100;

    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string What => "release alerts held for maintenance";

    protected override Task RoundAsync(CancellationToken cancellationToken) => ReleaseAsync(cancellationToken);

    /// <summary>Releases the held reports of open alerts no window holds any more; returns how many this call released.</summary>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var released = await ReleaseDueAsync(
            scope.ServiceProvider.GetRequiredService<IntakeDbContext>(), scope.ServiceProvider.GetRequiredService<HeldReports>(), Time.GetUtcNow(), cancellationToken);
        foreach (var (source, reportId) in released)
        {
            LogReleased(logger, source, reportId);
        }

        return released.Count;
    }

    /// <summary>One look at <paramref name="now"/>: the (source, report) pairs this call released, oldest report first.</summary>
    public static async Task<IReadOnlyList<(string Source, Guid ReportId)>> ReleaseDueAsync(
        IntakeDbContext db, HeldReports held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(held);
        // Integrations a window holds now are left out by the query, so a long queue of theirs never starves the others: one-off
        // windows by their bounds, series by working out (here) whether one of them is in an occurrence.
        var series = await db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.Recurrence != null && w.EndedAt == null && w.StartsAt <= now && w.SeriesEndsAt > now)
            .ToListAsync(cancellationToken);
        var inSeries = series.Where(w => w.IsActiveAt(now)).Select(w => w.IntegrationId).Distinct().ToList();
        var due = await db.Alerts.AsNoTracking()
            .Where(a => a.OpenKey != null && a.MaintenanceWindowId != null && !inSeries.Contains(a.IntegrationId))
            .Join(db.Reports.Where(r => r.Status == ReportStatuses.AwaitingConfirmation), a => a.ReportId, r => r.Id,
                (a, r) => new { a.IntegrationId, a.ReportId, a.Source, r.ReceivedAt })
            .Where(x => !db.MaintenanceWindows.Any(w => w.IntegrationId == x.IntegrationId && w.Recurrence == null && w.EndedAt == null
                && w.StartsAt <= now && w.EndsAt > now))
            .OrderBy(x => x.ReceivedAt)
            .Take(Batch)
            .ToListAsync(cancellationToken);
        var released = new List<(string, Guid)>();
        var system = new HeldReports.Reviewer(MaintenanceHolds.SystemActor, MaintenanceHolds.SystemName);
        foreach (var alert in due)
        {
            var (outcome, _) = await held.ConfirmAsync(alert.ReportId, system, MaintenanceHolds.ReleasedNote, cancellationToken);
            if (outcome == HeldReports.Outcome.Done)
            {
                released.Add((alert.Source, alert.ReportId));
            }
        }

        return released;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert of {Source} still open after its maintenance window: report {ReportId} released to triage")]
    private static partial void LogReleased(ILogger logger, string source, Guid reportId);
}
