using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>Known failures become their proper problem; anything else is a 500 problem without internals.</summary>
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Yêu cầu không hợp lệ / Bad request"),
            DbUpdateException update when Data.Conflicts.IsConflict(update) => (StatusCodes.Status409Conflict, "Đã bị thay đổi đồng thời, hãy thử lại / Changed concurrently, try again"),
            _ => (StatusCodes.Status500InternalServerError, "Lỗi máy chủ / Server error"),
        };
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Type = Problems.TypeBase + status },
        });
    }
}
