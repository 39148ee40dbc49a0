namespace IncidentResponse.ServiceDefaults.Messaging.Quorum;

/// <summary>
/// The durable receive queues this Host's bus configured (its roles' consumers), written down as the bus is
/// built; per-Host temporary queues (the live board's) are not among them.
/// </summary>
public sealed class ServiceQueues
{
    private readonly List<string> _names = [];

    public IReadOnlyList<string> Names
    {
        get
        {
            lock (_names)
            {
                return [.. _names];
            }
        }
    }

    public void Add(string queue)
    {
        ArgumentException.ThrowIfNullOrEmpty(queue);
        lock (_names)
        {
            if (!_names.Contains(queue, StringComparer.Ordinal))
            {
                _names.Add(queue);
            }
        }
    }
}
