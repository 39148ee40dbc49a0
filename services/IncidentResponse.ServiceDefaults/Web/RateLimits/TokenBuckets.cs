using System.Threading.RateLimiting;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>A token bucket of <c>n</c> per window: <c>n</c> at once, refilled evenly over the window, no queue.</summary>
internal static class TokenBuckets
{
    private static readonly TimeSpan Finest = TimeSpan.FromMilliseconds(100);

    public static TokenBucketRateLimiterOptions Of(int perWindow, TimeSpan window)
    {
        perWindow = Math.Max(1, perWindow);
        window = window <= TimeSpan.Zero ? TimeSpan.FromMinutes(1) : window;
        var period = TimeSpan.FromTicks(Math.Max(window.Ticks / perWindow, Finest.Ticks));
        var tokens = (int)Math.Max(1, Math.Round(perWindow * (double)period.Ticks / window.Ticks));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = perWindow,
            TokensPerPeriod = tokens,
            ReplenishmentPeriod = period,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }

    /// <summary>How long until one more token, for a <c>Retry-After</c> of a refusal that is not a bucket's own.</summary>
    public static TimeSpan OneTokenIn(int perWindow, TimeSpan window) =>
        TimeSpan.FromTicks(Math.Max(window.Ticks / Math.Max(1, perWindow), TimeSpan.TicksPerSecond));
}
