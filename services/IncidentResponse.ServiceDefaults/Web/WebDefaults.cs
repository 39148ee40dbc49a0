using IncidentResponse.ServiceDefaults.Web.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

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
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer(DeclareBearerKey));
        builder.AddRateLimits(); // the doors' policies; a role adds its own (e.g. the console's "login")
        builder.AddTransportSecurity();
        return builder;
    }

    /// <summary>
    /// Every call takes <c>Authorization: Bearer &lt;API key&gt;</c> (endpoints open to anyone say so with
    /// their own credential, e.g. <c>/v2/enqueue</c>): declared once for the whole document, so the
    /// interactive page offers an Authorize box and sends the key with "Try it out".
    /// </summary>
    private static Task DeclareBearerKey(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancel)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["apiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key (POST /api/v1/api-keys; the first one is printed at the first start) or a console token.",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("apiKey", document)] = [] });
        return Task.CompletedTask;
    }

    /// <summary>A browser opening a page (not a script, not an API client): it asks for HTML, by GET, outside <c>/api</c>.</summary>
    private static bool WantsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);

    /// <summary>Error pages as problems (as HTML to a browser opening a page, where a role provides one), security headers, authentication and authorisation. The OpenAPI document and its page are mapped by Access (<c>MapAccessEndpoints</c>), which knows who may read them.</summary>
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
        // After authentication, so a door can count per key; before authorisation and the endpoint, so refused
        // and forged requests count too and no body is read past the limit.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseNulCharacterGuard();
        return app;
    }
}
