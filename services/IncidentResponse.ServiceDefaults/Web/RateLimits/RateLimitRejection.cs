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
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var http = context.HttpContext;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Quá nhiều yêu cầu / Too many requests",
            detail: $"Thử lại sau {seconds} giây / try again in {seconds} seconds",
            type: Problems.TypeBase + "too-many-requests").ExecuteAsync(http);
    }
}
