using System.Threading.RateLimiting;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>Refuses every request, saying when to try again. Shared, so disposing it does nothing.</summary>
internal sealed class RefusingLimiter(TimeSpan retryAfter) : RateLimiter
{
    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => new() { CurrentAvailablePermits = 0 };

    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new Refused(retryAfter);

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<RateLimitLease>(new Refused(retryAfter));

    private sealed class Refused(TimeSpan retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => false;

        public override IEnumerable<string> MetadataNames => [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
