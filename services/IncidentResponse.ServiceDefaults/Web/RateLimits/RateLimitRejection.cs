using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace IncidentResponse.ServiceDefaults.Web.RateLimits;

/// <summary>The answer to a refused request: 429, <c>Retry-After</c> in seconds, and a bilingual problem.</summary>
public static class RateLimitRejection
{
    public static async ValueTask WriteAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seconds = SetRetryAfter(context, TimeSpan.FromMinutes(1));
        var http = context.HttpContext;
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Quá nhiều yêu cầu / Too many requests",
            detail: $"Thử lại sau {seconds} giây / try again in {seconds} seconds",
            type: Problems.TypeBase + "too-many-requests").ExecuteAsync(http);
    }

    /// <summary>
    /// Sets 429 and <c>Retry-After</c> from the limiter's own answer (or <paramref name="fallback"/> when it has
    /// none), in whole seconds and at least one; returns the seconds for the body.
    /// </summary>
    public static int SetRetryAfter(OnRejectedContext context, TimeSpan fallback)
    {
        ArgumentNullException.ThrowIfNull(context);
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : fallback;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return seconds;
    }
}
