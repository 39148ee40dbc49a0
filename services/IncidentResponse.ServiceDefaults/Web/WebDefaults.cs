using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.ServiceDefaults.Web;

public static class WebDefaults
{
    /// <summary>Requests larger than this are refused with 413 unless an endpoint allows more.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// Every response's policy: only this origin's own files (no inline script or style, no CDN), no
    /// framing, forms post only here. Pages put their script and styles in the console's files.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; "
        + "object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static IHostApplicationBuilder AddWebDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = JsonBody.Options.PropertyNamingPolicy;
            o.SerializerOptions.RespectNullableAnnotations = true;
        });
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier);
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>A browser opening a page (not a script, not an API client): it asks for HTML, by GET, outside <c>/api</c>.</summary>
    private static bool WantsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Error pages as problems (as HTML to a browser opening a page, where a role provides one), security headers, authentication and authorisation, the OpenAPI document.</summary>
    public static WebApplication UseWebDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        var problems = new StatusCodePagesOptions(); // its handler writes problem+json
        app.UseStatusCodePages(new StatusCodePagesOptions
        {
            HandleAsync = status => status.HttpContext.RequestServices.GetService<IHtmlStatusPage>() is { } page && WantsPage(status.HttpContext.Request)
                ? page.WriteAsync(status.HttpContext)
                : problems.HandleAsync(status),
        });
        app.Use(static (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseNulCharacterGuard();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
