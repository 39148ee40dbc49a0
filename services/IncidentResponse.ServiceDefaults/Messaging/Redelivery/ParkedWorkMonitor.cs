using System.Diagnostics.Metrics;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Observability;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>Stuck work of one database: deferred messages waiting or parked, quarantined outbox rows.</summary>
public sealed record ParkedCount(string Database, int Waiting, int Parked, int Quarantined);

/// <summary>
/// Counts stuck work in this Host's databases every <see cref="RefreshInterval"/>, for the readiness
/// report and the <c>incidentresponse.messaging.stuck</c> gauge (tags: database, state = waiting |
/// parked | quarantined).
/// </summary>
public sealed partial class ParkedWorkMonitor : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(15);

    private readonly IServiceScopeFactory _scopes;
    private readonly IReadOnlyList<ServiceDatabase> _databases;
    private readonly DatabaseStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<ParkedWorkMonitor> _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile Snapshot? _last;

    public ParkedWorkMonitor(
        IServiceScopeFactory scopes, IEnumerable<ServiceDatabase> databases, DatabaseStatus status, IMeterFactory meters,
        TimeProvider time, ILogger<ParkedWorkMonitor> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _scopes = scopes;
        _databases = [.. databases];
        _status = status;
        _time = time;
        _logger = logger;
        var meter = meters.Create(Metrics.MeterName);
        meter.CreateObservableGauge("incidentresponse.messaging.stuck", Measure, "{message}",
            "Messages that failed and wait for redelivery (waiting), for a coordinator (parked), and outbox rows the relay gave up on (quarantined)");
    }

    private sealed record Snapshot(DateTimeOffset At, IReadOnlyList<ParkedCount> Counts);

    /// <summary>The counts, measured at most <paramref name="maxAge"/> ago; null while the databases are not ready or cannot be read.</summary>
    public async Task<IReadOnlyList<ParkedCount>?> CountsAsync(TimeSpan maxAge, CancellationToken cancellationToken)
    {
        if (_last is { } fresh && _time.GetUtcNow() - fresh.At <= maxAge)
        {
            return fresh.Counts;
        }

        if (!_status.IsReady)
        {
            return null;
        }

        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            if (_last is { } other && _time.GetUtcNow() - other.At <= maxAge)
            {
                return other.Counts;
            }

            var counts = new List<ParkedCount>();
            foreach (var database in _databases)
            {
                await using var scope = _scopes.CreateAsyncScope();
                var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
                var states = await db.DeferredMessages.GroupBy(m => m.State).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
                var quarantined = await db.OutboxMessages.CountAsync(m => m.QuarantinedAt != null, cancellationToken);
                counts.Add(new ParkedCount(
                    database.Schema,
                    states.Where(s => s.Key == ParkedWorkStates.Waiting).Sum(s => s.Count),
                    states.Where(s => s.Key == ParkedWorkStates.Parked).Sum(s => s.Count),
                    quarantined));
            }

            _last = new Snapshot(_time.GetUtcNow(), counts);
            return counts;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await _status.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await CountsAsync(TimeSpan.Zero, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(_logger, Failures.Describe(ex));
            }

            await Task.Delay(RefreshInterval, _time, stoppingToken);
        }
    }

    public override void Dispose()
    {
        _refreshing.Dispose();
        base.Dispose();
    }

    private IEnumerable<Measurement<int>> Measure()
    {
        foreach (var count in _last?.Counts ?? [])
        {
            yield return new Measurement<int>(count.Waiting, new("database", count.Database), new("state", ParkedWorkStates.Waiting));
            yield return new Measurement<int>(count.Parked, new("database", count.Database), new("state", ParkedWorkStates.Parked));
            yield return new Measurement<int>(count.Quarantined, new("database", count.Database), new("state", ParkedWorkStates.Quarantined));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stuck messages could not be counted now: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
