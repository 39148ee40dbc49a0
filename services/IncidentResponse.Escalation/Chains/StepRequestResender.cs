using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Data;
using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.ServiceDefaults.Redrive;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// Asks again for the pages of a step that fired while notifications has not answered (the request lost with
/// an in-memory bus, or parked after a failure there): a step recorded as fired must not leave nobody paged.
/// The same targets are asked for; notifications pages each once however often it is asked.
/// </summary>
public sealed class StepRequestResender(
    IServiceScopeFactory scopes, RedriveClock clock, IOptions<EscalationOptions> options, DatabaseStatus database, TimeProvider time,
    ILogger<StepRequestResender> logger) : PeriodicRedrive(database, time, logger)
{
    private static readonly JsonSerializerOptions DetailJson = new() { PropertyNameCaseInsensitive = true };

    protected override string What => "escalation page requests";

    protected override TimeSpan Interval => options.Value.ResendCheckInterval;

    public override async Task<int> RedriveAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EscalationDbContext>();
        var now = Time.GetUtcNow();
        var due = clock.DueBefore(now, options.Value.ResendAfter);
        var owed = await db.FiredSteps
            .Where(s => s.Outcome == "paged" && s.AnsweredAt == null && s.RequestedAt < due)
            .OrderBy(s => s.RequestedAt)
            .Take(PageSize)
            .ToListAsync(cancellationToken);
        if (owed.Count == 0)
        {
            return 0;
        }

        var ids = owed.Select(s => s.ChainId).Distinct().ToList();
        var chains = await db.Chains.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        foreach (var step in owed)
        {
            step.RequestedAt = now;
            if (!chains.TryGetValue(step.ChainId, out var chain))
            {
                continue;
            }

            var targets = JsonSerializer.Deserialize<StepDetail>(step.Detail, DetailJson)?.Targets ?? [];
            db.PublishAfterCommit(new EscalationStepDue(chain.Id, chain.IncidentId, chain.IncidentNumber, chain.UnitCode, chain.PolicyId, chain.PolicyVersion,
                step.Round, step.Step, step.Retrigger, targets, step.DueAt, step.FiredAt), now);
        }

        await db.SaveChangesAsync(cancellationToken);
        return owed.Count;
    }

    private sealed record StepDetail(IReadOnlyList<PageTarget> Targets);
}
