using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Redrive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Notifications.Routing;

/// <summary>
/// Announces an engagement again while escalation has not answered that it holds its chain (the
/// announcement lost with an in-memory bus, or parked after a failure there): without a chain nobody
/// is reminded or escalated to when the unit does not answer. A page of engagements goes as one <see cref="UnitsEngaged"/>.
/// </summary>
public sealed class UnitEngagedResender(
    IServiceScopeFactory scopes, RedriveClock clock, IOptions<NotificationsOptions> options, DatabaseStatus database, TimeProvider time,
    ILogger<UnitEngagedResender> logger) : PeriodicRedrive(database, time, logger)
{
    protected override string What => "engagements";

    protected override TimeSpan Interval => options.Value.ResendCheckInterval;

    public override async Task<int> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NotificationsDbContext>();
        var now = Time.GetUtcNow();
        var due = clock.DueBefore(now, options.Value.ResendAfter);
        var owed = await db.Engagements
            .Where(e => e.ChainHeldAt == null && e.AnnouncedAt < due)
            .OrderBy(e => e.AnnouncedAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        if (owed.Count == 0)
        {
            return 0;
        }

        var codes = owed.Select(e => e.UnitCode).Distinct().ToList();
        var units = await db.Units.AsNoTracking().Where(u => codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code, cancellationToken);
        var ids = owed.Select(e => e.Id).ToList();
        var recipients = await db.Notifications.AsNoTracking()
            .Where(n => n.EngagementId != null && ids.Contains(n.EngagementId.Value) && n.Origin == NotificationOrigins.Engagement)
            .GroupBy(n => n.EngagementId!.Value)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var repeats = new List<UnitEngaged>();
        foreach (var e in owed)
        {
            var unit = units.GetValueOrDefault(e.UnitCode);
            repeats.Add(new UnitEngaged(e.Id, e.IncidentId, e.IncidentNumber, e.UnitCode, unit?.NameVi ?? e.UnitCode, unit?.NameEn ?? e.UnitCode, e.RuleId,
                e.RoutingVersion, e.SeverityLevel, e.Serious, recipients.GetValueOrDefault(e.Id), e.EngagedAt, Repeat: true,
                EngagedBy: e.EngagedBy, Reason: e.EngagedReason));
            e.AnnouncedAt = now;
        }

        db.PublishAfterCommit(new UnitsEngaged(repeats), now); // one message for the page

        await db.SaveChangesAsync(cancellationToken);
        return owed.Count;
    }
}
