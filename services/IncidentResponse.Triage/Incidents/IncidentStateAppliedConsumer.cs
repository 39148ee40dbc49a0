using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using IncidentResponse.ServiceDefaults.Data;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// Records which state of an incident each service that keeps a copy holds, and marks the incident's
/// state synced once every one of them holds its current version (then nothing is sent again).
/// An answer given twice, or an older one after a newer, changes nothing.
/// </summary>
public sealed class IncidentStateAppliedConsumer(TriageDbContext db, IOptions<TriageOptions> options) : IConsumer<IncidentStateApplied>
{
    public async Task Consume(ConsumeContext<IncidentStateApplied> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var cancel = context.CancellationToken;
        await db.RetryOnConflictAsync(async () =>
        {
            var receipt = await db.StateReceipts.FirstOrDefaultAsync(r => r.IncidentId == m.IncidentId && r.Service == m.Service, cancel);
            if (receipt is null)
            {
                db.StateReceipts.Add(new IncidentStateReceipt { IncidentId = m.IncidentId, Service = m.Service, StateVersion = m.StateVersion, AppliedAt = m.AppliedAt });
            }
            else if (receipt.StateVersion < m.StateVersion)
            {
                receipt.StateVersion = m.StateVersion;
                receipt.AppliedAt = m.AppliedAt;
            }

            await db.SaveChangesAsync(cancel);
            return 0;
        }, cancel);

        var subscribers = options.Value.StateSubscribers;
        var holding = await db.StateReceipts.AsNoTracking()
            .CountAsync(r => r.IncidentId == m.IncidentId && subscribers.Contains(r.Service) && r.StateVersion >= m.StateVersion, cancel);
        if (holding >= subscribers.Count)
        {
            // Only if the state is still the one answered: a newer state sent meanwhile waits for its own answers.
            await db.Incidents
                .Where(i => i.Id == m.IncidentId && i.StateVersion <= m.StateVersion && !i.StateSynced)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.StateSynced, true), cancel);
        }
    }
}
