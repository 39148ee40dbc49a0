using Microsoft.AspNetCore.Mvc.Filters;

namespace IncidentResponse.Web.Console;

/// <summary>Pages carry a person's data: never stored by browsers or proxies.</summary>
internal sealed class ConsolePageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return next();
    }
}
