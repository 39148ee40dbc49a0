using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// Every database of this Host's roles: its outbox (rows not yet published and the age of the oldest), and
/// messages stuck in it (waiting for redelivery, parked for a coordinator, outbox rows quarantined), as counted
/// by <see cref="ParkedWorkMonitor"/>.
/// </summary>
public sealed class MessagingMetricsProbe : IMetricsProbe
{
    private readonly IServiceScopeFactory _scopes;
    private readonly IReadOnlyList<ServiceDatabase> _databases;
    private readonly ParkedWorkMonitor _parked;
    private readonly TimeProvider _time;
    private readonly TimeSpan _maxAge;
    private readonly Gauge _size;
    private readonly Gauge _lag;
    private readonly Gauge _stuck;

    public MessagingMetricsProbe(
        IServiceScopeFactory scopes, IEnumerable<ServiceDatabase> databases, ParkedWorkMonitor parked, HostMetrics metrics,
        IOptions<MetricsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        _databases = [.. databases];
        _parked = parked;
        _time = time;
        _maxAge = options.Value.RefreshInterval;
        _size = metrics.Gauge("ir_outbox_messages", "Outbox rows not yet published (quarantined ones excluded), per service / Tin trong outbox chưa gửi", "service");
        _lag = metrics.Gauge("ir_outbox_lag_seconds", "Age of the oldest outbox row not yet published, 0 when none / Tuổi của tin cũ nhất chưa gửi", "service");
        _stuck = metrics.Gauge("ir_messages_stuck", "Messages that failed: waiting for redelivery, parked for a coordinator, outbox rows quarantined / Tin lỗi đang chờ", "service", "state");
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        foreach (var database in _databases)
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = (ServiceDbContext)scope.ServiceProvider.GetRequiredService(database.ContextType);
            var unsent = db.OutboxMessages.AsNoTracking()
                .Where(m => m.QuarantinedAt == null && (m.ClaimedBy == null || !m.ClaimedBy.StartsWith(OutboxMessage.SentMark)));
            var count = await unsent.CountAsync(cancellationToken);
            var oldest = count == 0 ? (DateTimeOffset?)null
                : (await unsent.OrderBy(m => m.CreatedAt).Select(m => m.CreatedAt).Take(1).ToListAsync(cancellationToken)).FirstOrDefault();
            _size.WithLabels(database.Schema).Set(count);
            _lag.WithLabels(database.Schema).Set(oldest is { } at ? Math.Max(0, (now - at).TotalSeconds) : 0);
        }

        foreach (var count in await _parked.CountsAsync(_maxAge, cancellationToken) ?? [])
        {
            _stuck.WithLabels(count.Database, "waiting").Set(count.Waiting);
            _stuck.WithLabels(count.Database, "parked").Set(count.Parked);
            _stuck.WithLabels(count.Database, "quarantined").Set(count.Quarantined);
        }
    }
}
