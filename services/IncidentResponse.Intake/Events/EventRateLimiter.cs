using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Intake.Events;

/// <summary>
/// A token bucket per integration key: <see cref="MachineIntakeOptions.EventsPerMinute"/> events at
/// once, refilled at that rate. In memory, per Host: a deployment of several Hosts behind one
/// address allows that many times more.
/// </summary>
public sealed class EventRateLimiter(IOptions<MachineIntakeOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Bucket> _buckets = new();

    /// <summary>True when the event may go through; otherwise how long until it may.</summary>
    public bool TryAcquire(Guid integrationId, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var perMinute = options.Value.EventsPerMinute;
        if (perMinute <= 0)
        {
            return true;
        }

        var now = time.GetUtcNow();
        var bucket = _buckets.GetOrAdd(integrationId, _ => new Bucket { Tokens = perMinute, UpdatedAt = now });
        lock (bucket)
        {
            var perSecond = perMinute / 60.0;
            var elapsed = Math.Max(0, (now - bucket.UpdatedAt).TotalSeconds);
            bucket.Tokens = Math.Min(perMinute, bucket.Tokens + (elapsed * perSecond));
            bucket.UpdatedAt = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds(Math.Ceiling((1 - bucket.Tokens) / perSecond));
            return false;
        }
    }

    private sealed class Bucket
    {
        public double Tokens { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }
    }
}
