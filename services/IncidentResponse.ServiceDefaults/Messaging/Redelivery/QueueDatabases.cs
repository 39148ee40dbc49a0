using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Messaging.Redelivery;

/// <summary>
/// Which service database a receive endpoint's failures are stored in: queues are named after their
/// service (<see cref="ServiceEndpointNameFormatter"/>: <c>triage-report-received</c>), and each
/// service registers its database with the same name as schema (<see cref="ServiceDatabase"/>).
/// </summary>
public sealed class QueueDatabases(IEnumerable<ServiceDatabase> databases, IOptions<MessageRedeliveryOptions> options)
{
    private readonly IReadOnlyList<ServiceDatabase> _databases = [.. databases.OrderByDescending(d => d.Schema.Length)];

    /// <summary>The database of <paramref name="queue"/>; null for a queue of no service of this Host or an excluded one.</summary>
    public ServiceDatabase? For(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (options.Value.EffectiveExcludedQueuePrefixes.Any(p => queue.StartsWith(p, StringComparison.Ordinal)))
        {
            return null;
        }

        return _databases.FirstOrDefault(d => queue.StartsWith(d.Schema + "-", StringComparison.Ordinal));
    }
}
