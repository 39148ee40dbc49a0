using System.Text.Json;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Triage.Register;

/// <summary>
/// Indexes, once, the incidents stored before the register existed (<see cref="Incident.SearchIndexed"/> false): from the
/// stored reports and the units-engaged entries of the timeline, a batch at a time, each batch in one transaction with
/// its incidents' rows locked (PostgreSQL) so that triage adding to the same incident waits instead of racing. Runs in the
/// background after the migrations, so a large database does not delay start-up; a failed batch is tried again later.
/// </summary>
public sealed partial class RegisterBackfill(IServiceScopeFactory scopes, DatabaseStatus database, TimeProvider time, ILogger<RegisterBackfill> logger) : BackgroundService
{
    public const int BatchSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await database.WaitUntilReadyAsync(stoppingToken);
        var total = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var indexed = await IndexBatchAsync(scope.ServiceProvider.GetRequiredService<TriageDbContext>(), BatchSize, stoppingToken);
                total += indexed;
                if (indexed == 0)
                {
                    if (total > 0)
                    {
                        LogDone(logger, total);
                    }

                    return;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(30), time, stoppingToken);
            }
        }
    }

    /// <summary>Indexes up to <paramref name="batchSize"/> incidents not indexed yet; returns how many.</summary>
    public static async Task<int> IndexBatchAsync(TriageDbContext db, int batchSize, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.RetryOnConflictAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancel);
            var ids = await db.Incidents.Where(i => !i.SearchIndexed).OrderBy(i => i.Id).Select(i => i.Id).Take(batchSize).ToListAsync(cancel);
            if (ids.Count == 0)
            {
                return 0;
            }

            await db.LockAsync<Incident, Guid>(nameof(Incident.Id), ids, cancel);
            var incidents = await db.Incidents.AsNoTracking().Where(i => ids.Contains(i.Id) && !i.SearchIndexed).ToListAsync(cancel);
            var reports = (await db.IncidentReports.AsNoTracking().Where(r => ids.Contains(r.IncidentId)).Select(r => new { r.IncidentId, r.Report }).ToListAsync(cancel))
                .ToLookup(r => r.IncidentId, r => IncidentJson.Read<IncidentReport>(r.Report));
            var engaged = await db.TimelineEntries.AsNoTracking().Where(e => ids.Contains(e.IncidentId) && e.Kind == TimelineKinds.UnitEngaged)
                .Select(e => new { e.IncidentId, e.OccurredAt, e.Data }).ToListAsync(cancel);
            var terms = incidents.ToDictionary(i => i.Id, i =>
            {
                var system = i.AffectedSystem is null ? null : IncidentJson.Read<AffectedSystem>(i.AffectedSystem);
                var texts = RegisterIndex.Texts(i, null).Concat(RegisterIndex.Texts(system)).Concat(reports[i.Id].SelectMany(r => RegisterIndex.Texts(i, r)));
                return SearchText.Terms(texts);
            });
            await db.AddTermsAsync(terms, cancel);
            var units = engaged.Select(e => UnitOf(e.IncidentId, e.OccurredAt, e.Data)).OfType<EngagedUnit>().ToList();
            await db.AddUnitsAsync(units, cancel);
            await db.SaveChangesAsync(cancel);
            var done = incidents.Select(i => i.Id).ToList();
            await db.Incidents.Where(i => done.Contains(i.Id)).ExecuteUpdateAsync(s => s.SetProperty(i => i.SearchIndexed, true), cancel);
            await transaction.CommitAsync(cancel);
            return Math.Max(done.Count, 1);
        }, cancel);
    }

    private static EngagedUnit? UnitOf(Guid incidentId, DateTimeOffset at, string? data)
    {
        if (data is null)
        {
            return null;
        }

        using var json = JsonDocument.Parse(data);
        return json.RootElement.TryGetProperty("unit", out var unit) && unit.ValueKind == JsonValueKind.String && unit.GetString() is { Length: > 0 } code
            ? new EngagedUnit(incidentId, code, null, null, at)
            : null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The incident register indexed {Count} incidents stored before it")]
    private static partial void LogDone(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Indexing older incidents for the register failed ({Error}); trying again in 30 s")]
    private static partial void LogFailed(ILogger logger, string error);
}
