using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>
/// Wrong credentials presented per client address (<see cref="RateLimitOptions.FailedCredentialsPerAddress"/>
/// per window). A door that finds a key, link or routing key unknown records it here; while an address
/// has none left, every rate-limited door answers it 429 before reading its request. Callers with
/// valid credentials are not counted, so a busy monitoring source is never refused by this.
/// </summary>
public sealed class FailedCredentials : IDisposable
{
    private readonly PartitionedRateLimiter<string> _byAddress;
    private readonly bool _enabled;

    public FailedCredentials(IOptions<RateLimitOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _enabled = limits.Enabled;
        var bucket = TokenBuckets.Of(limits.FailedCredentialsPerAddress, limits.Window);
        _byAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => bucket));
        Refusal = new RefusingLimiter(TokenBuckets.OneTokenIn(limits.FailedCredentialsPerAddress, limits.Window));
    }

    /// <summary>The limiter every door uses for a blocked address: refuses, with a <c>Retry-After</c>.</summary>
    internal RateLimiter Refusal { get; }

    /// <summary>Counts a wrong credential against the caller's address.</summary>
    public void Record(HttpContext http)
    {
        if (_enabled)
        {
            using var _ = _byAddress.AttemptAcquire(ClientAddress.Of(http));
        }
    }

    /// <summary>True while the address has used up its wrong credentials.</summary>
    public bool IsBlocked(string address) =>
        _enabled && _byAddress.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    public void Dispose() => _byAddress.Dispose();
}
