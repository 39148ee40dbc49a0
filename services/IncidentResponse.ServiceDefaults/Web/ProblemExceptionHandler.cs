using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// Known failures become their proper problem; anything else is a 500 problem without internals. A database
/// that cannot be reached for now (restarting, failing over, out of connections) is a 503 with Retry-After:
/// nothing was stored, and a client sending the same request again later (with its Idempotency-Key) is right to.
/// </summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Bad request"),
            DbUpdateException update when Data.Conflicts.IsConflict(update) => (StatusCodes.Status409Conflict, "Đã bị thay đổi đồng thời, hãy thử lại / Changed concurrently, try again"),
            _ when IsUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "Cơ sở dữ liệu tạm thời không sẵn sàng, hãy thử lại sau / The database is unavailable for now, try again later"),
            _ => (StatusCodes.Status500InternalServerError, "Lỗi máy chủ / Server error"),
        };
        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Type = Problems.TypeBase + status },
        });
    }

    /// <summary>A failure to reach the database that may pass by itself (the provider says so), anywhere in the chain.</summary>
    internal static bool IsUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is DbException { IsTransient: true } or TimeoutException or System.Net.Sockets.SocketException)
            {
                return true;
            }
        }

        return false;
    }
}
