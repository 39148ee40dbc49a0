using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// Known failures become their proper problem; anything else is a 500 problem without internals. A database
/// that cannot be reached for now (restarting, failing over, out of connections), or fails before this Host has migrated
/// it, is a 503 with Retry-After:
/// nothing was stored, and a client sending the same request again later (with its Idempotency-Key) is right to.
/// Since .NET 10 the exception middleware stays silent about an exception a handler answered, so 500s and 503s
/// are logged here, with the route's pattern rather than the path (paths carry acknowledgement and feed tokens).
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Bad request"),
            DbUpdateException update when Data.Conflicts.IsConflict(update) => (StatusCodes.Status409Conflict, "Đã bị thay đổi đồng thời, hãy thử lại / Changed concurrently, try again"),
            _ when IsUnavailable(exception) || BeforeReady(httpContext, exception) => (StatusCodes.Status503ServiceUnavailable, "Cơ sở dữ liệu tạm thời không sẵn sàng, hãy thử lại sau / The database is unavailable for now, try again later"),
            _ => (StatusCodes.Status500InternalServerError, "Lỗi máy chủ / Server error"),
        };
        var route = (httpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
        if (status == StatusCodes.Status500InternalServerError)
        {
            Failed(logger, exception, httpContext.Request.Method, route);
        }

        httpContext.Response.StatusCode = status;
        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            Unavailable(logger, httpContext.Request.Method, route, exception.GetType().Name);
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

    /// <summary>
    /// A table or column not there yet while this Host's databases are still being migrated (a request that came while the
    /// Host starts): the database is not ready, not broken, and the request was not served. Any other failure, and this
    /// one once the databases are ready, stays a 500: a Host that never gets ready must not hide its bugs as 503s.
    /// </summary>
    internal static bool BeforeReady(HttpContext http, Exception exception)
    {
        if (http.RequestServices?.GetService<DatabaseStatus>() is not { IsReady: false })
        {
            return false;
        }

        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UndefinedTable or Npgsql.PostgresErrorCodes.UndefinedColumn }
                || (e is Microsoft.Data.Sqlite.SqliteException { SqliteErrorCode: 1 }
                    && (e.Message.Contains("no such table", StringComparison.Ordinal) || e.Message.Contains("no such column", StringComparison.Ordinal)
                        || e.Message.Contains("has no column named", StringComparison.Ordinal))))
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Answered {Method} {Route} with 500")]
    private static partial void Failed(ILogger logger, Exception exception, string method, string route);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Method} {Route} with 503: the database is unavailable ({Failure})")]
    private static partial void Unavailable(ILogger logger, string method, string route, string failure);
}
