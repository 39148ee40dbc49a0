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
/// state synced once every one of them holds its current version (then nothing is sent again). The answers
/// a service gave in one commit come as one <see cref="IncidentStatesApplied"/> (or, from versions before
/// batches, one <see cref="IncidentStateApplied"/> each) and are recorded in one transaction per message.
/// An answer given twice, or an older one after a newer, changes nothing.
/// </summary>
public sealed class IncidentStateAppliedConsumer(TriageDbContext db, IOptions<TriageOptions> options) :
    IConsumer<IncidentStatesApplied>, IConsumer<IncidentStateApplied>
{
    public Task Consume(ConsumeContext<IncidentStatesApplied> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RecordAsync(context.Message.States, context.CancellationToken);
    }

    public Task Consume(ConsumeContext<IncidentStateApplied> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return RecordAsync([context.Message], context.CancellationToken);
    }

    /// <summary>Records the answers and marks the incidents every subscriber now holds as synced, in one transaction.</summary>
    public Task RecordAsync(IReadOnlyList<IncidentStateApplied> answers, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count == 0)
        {
            return Task.CompletedTask;
        }

        var ids = answers.Select(a => a.IncidentId).Distinct().ToList();
        var subscribers = options.Value.StateSubscribers;
        return db.RetryOnConflictAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            // The incidents' locks first, in id order: two services' answers about one incident, recorded at once,
            // would otherwise each miss the other's receipt, and neither mark the state synced.
            await db.LockAsync<Incident, Guid>(nameof(Incident.Id), ids, cancel);
            // Every subscriber's receipt for these incidents: the answers update some, and all of them say whether the state is held everywhere.
            var receipts = await db.StateReceipts.Where(r => ids.Contains(r.IncidentId)).ToDictionaryAsync(r => (r.IncidentId, r.Service), cancel);
            foreach (var answer in answers)
            {
                if (!receipts.TryGetValue((answer.IncidentId, answer.Service), out var receipt))
                {
                    receipts[(answer.IncidentId, answer.Service)] = db.StateReceipts.Add(new IncidentStateReceipt
                    {
                        IncidentId = answer.IncidentId, Service = answer.Service, StateVersion = answer.StateVersion, AppliedAt = answer.AppliedAt,
                    }).Entity;
                }
                else if (receipt.StateVersion < answer.StateVersion)
                {
                    receipt.StateVersion = answer.StateVersion;
                    receipt.AppliedAt = answer.AppliedAt;
                }
            }

            // New receipts only ever added here (by COPY on PostgreSQL when a batch has enough, see AddedRowsCopy).
            await db.SaveChangesCopyingAsync([typeof(IncidentStateReceipt)], cancel);
            // The version every subscriber holds, per incident; only a state no newer than it is synced (a newer
            // state sent meanwhile waits for its own answers). One statement per such version, usually one.
            var heldEverywhere = ids
                .Select(id => (Id: id, Versions: subscribers.Select(s => receipts.GetValueOrDefault((id, s))?.StateVersion).ToList()))
                .Where(i => i.Versions.Count > 0 && i.Versions.All(v => v is not null))
                .GroupBy(i => i.Versions.Min()!.Value, i => i.Id);
            foreach (var held in heldEverywhere)
            {
                var synced = held.ToList();
                await db.Incidents
                    .Where(i => synced.Contains(i.Id) && i.StateVersion <= held.Key && !i.StateSynced)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.StateSynced, true), cancel);
            }

            await transaction.CommitAsync(cancel);
            return 0;
        }, cancel);
    }
}
