using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>
/// One door's limit: a token bucket per client address and, when the door has a credential (an
/// integration key, a signed link), one per credential; a request needs a token from both. An
/// address that used up its wrong credentials (<see cref="FailedCredentials"/>) is refused outright.
/// </summary>
public sealed class DoorPolicy : IRateLimiterPolicy<string>, IDisposable
{
    private readonly PartitionedRateLimiter<Caller> _buckets;
    private readonly FailedCredentials _failures;
    private readonly Func<HttpContext, string?>? _credential;
    private readonly bool _enabled;

    /// <param name="options">The window and whether limits apply at all.</param>
    /// <param name="failures">The wrong credentials counted per address.</param>
    /// <param name="perAddress">Requests per window from one address.</param>
    /// <param name="perCredential">Requests per window with one credential; ignored without <paramref name="credential"/>.</param>
    /// <param name="credential">The credential of a request (null or empty when it has none), e.g. a route's token or the caller's id.</param>
    public DoorPolicy(RateLimitOptions options, FailedCredentials failures, int perAddress, int perCredential, Func<HttpContext, string?>? credential)
    {
        ArgumentNullException.ThrowIfNull(options);
        _failures = failures ?? throw new ArgumentNullException(nameof(failures));
        _credential = credential;
        _enabled = options.Enabled;
        var addressBucket = TokenBuckets.Of(perAddress, options.Window);
        var credentialBucket = TokenBuckets.Of(perCredential, options.Window);
        _buckets = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<Caller, string>(c => RateLimitPartition.GetTokenBucketLimiter(c.Address, _ => addressBucket)),
            PartitionedRateLimiter.Create<Caller, string>(c => c.Credential.Length == 0
                ? RateLimitPartition.GetNoLimiter(string.Empty)
                : RateLimitPartition.GetTokenBucketLimiter(c.Credential, _ => credentialBucket)));
    }

    /// <summary>The global rejection answer (<see cref="RateLimitRejection"/>) is used.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!_enabled)
        {
            return RateLimitPartition.GetNoLimiter("off");
        }

        var address = ClientAddress.Of(httpContext);
        if (_failures.IsBlocked(address))
        {
            return RateLimitPartition.Get("blocked", _ => _failures.Refusal);
        }

        var credential = _credential?.Invoke(httpContext) is { Length: > 0 } raw ? Fingerprint(raw) : string.Empty;
        var caller = new Caller(address, credential);
        return RateLimitPartition.Get(address + "|" + credential, _ => new CallerLimiter(_buckets, caller));
    }

    public void Dispose() => _buckets.Dispose();

    /// <summary>Credentials are kept as a short hash, never as themselves.</summary>
    private static string Fingerprint(string credential) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(credential)), 0, 18);

    private readonly record struct Caller(string Address, string Credential);

    /// <summary>The two shared buckets as one limiter for one caller; it owns nothing, so the middleware may drop it when idle.</summary>
    private sealed class CallerLimiter(PartitionedRateLimiter<Caller> buckets, Caller caller) : RateLimiter
    {
        private long _lastUsed = Stopwatch.GetTimestamp();

        public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastUsed));

        public override RateLimiterStatistics? GetStatistics() => buckets.GetStatistics(caller);

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return buckets.AttemptAcquire(caller, permitCount);
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _lastUsed, Stopwatch.GetTimestamp());
            return buckets.AcquireAsync(caller, permitCount, cancellationToken);
        }
    }
}
