using IncidentResponse.Contracts.Incidents;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Redrive;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Sends an incident's current state again while a service that keeps a copy has not answered that it
/// holds it (the state lost with an in-memory bus, or parked after a failure there).
/// </summary>
public sealed class IncidentStateResender(
    IServiceScopeFactory scopes, RedriveClock clock, IOptions<TriageOptions> options, DatabaseStatus database, TimeProvider time,
    ILogger<IncidentStateResender> logger) : PeriodicRedrive(database, time, logger)
{
    protected override string What => "incident states";

    protected override TimeSpan Interval => options.Value.StateCheckInterval;

    public override async Task<int> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TriageDbContext>();
        var now = Time.GetUtcNow();
        var due = clock.DueBefore(now, options.Value.StateResendAfter);
        var owed = await db.Incidents.Include(i => i.Deadlines)
            .Where(i => !i.StateSynced && i.StatePublishedAt < due)
            .OrderBy(i => i.StatePublishedAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        foreach (var incident in owed)
        {
            incident.StatePublishedAt = now;
        }

        if (owed.Count > 0)
        {
            // One message for the page: each receiver applies each state by its version.
            db.PublishAfterCommit(new IncidentsTriaged([.. owed.Select(i => IncidentState.Of(i, now))]), now);
            await db.SaveChangesAsync(cancellationToken);
        }

        return owed.Count;
    }
}
