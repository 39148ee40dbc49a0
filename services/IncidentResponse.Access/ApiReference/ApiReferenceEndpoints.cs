using IncidentResponse.Access.ApiKeys;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Access.People;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace IncidentResponse.Access.ApiReference;

/// <summary>
/// The OpenAPI document (<c>/openapi/v1.json</c>) and its interactive page (<c>/openapi/ui/</c>: Swagger UI
/// served from this Host's own embedded files, no CDN and no inline script, under the console's content
/// security policy). Both need a signed-in caller, as before: an API key or console token as bearer, or a
/// person's console session (the browser opening the page sends its cookie). The page's "Try it out" calls
/// the API with the key entered under Authorize; the API itself never accepts the cookie.
/// </summary>
public static class ApiReferenceEndpoints
{
    /// <summary>Where the document is served (<c>v1</c> is the only document).</summary>
    public const string DocumentPattern = "/openapi/{documentName}.json";

    /// <summary>The interactive page; <c>/openapi/ui</c> redirects to its <c>index.html</c>.</summary>
    public const string PagePath = "/openapi/ui";

    /// <summary>A policy scheme: the bearer key when one is sent, else the console's cookie for a browser.</summary>
    public const string Scheme = "api-reference";

    /// <summary>A person (or a person's key) authenticated by <see cref="Scheme"/>.</summary>
    public const string Policy = "api-reference";

    internal static AuthenticationBuilder AddApiReferenceScheme(this AuthenticationBuilder authentication) =>
        authentication.AddPolicyScheme(Scheme, displayName: null, o => o.ForwardDefaultSelector = SelectScheme);

    /// <summary>
    /// People only (and their keys): a monitoring source's or the SMS gateway's key opens its own door and
    /// nothing else, not even the map of the others (found by the authorisation matrix).
    /// </summary>
    internal static void AddPolicy(AuthorizationOptions options) =>
        options.AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme)
            .RequireRole(AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer, AccessRoles.Responder));

    /// <summary>
    /// A request with an <c>Authorization</c> header is a script or a tool: the API-key scheme, as every
    /// endpoint. Without one, a request carrying the console's session cookie or asking for HTML is a
    /// person's browser: the cookie (an unsigned-in browser is sent to <c>/login</c>). Anything else
    /// stays on the API-key scheme and is answered 401, as before the page existed.
    /// </summary>
    internal static string SelectScheme(HttpContext context)
    {
        var request = context.Request;
        var browser = request.Headers.Authorization.Count == 0
            && (request.Cookies.ContainsKey(ConsoleCookie.Name)
                || request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase));
        return browser ? ConsoleCookie.Scheme : ApiKeyAuthenticationHandler.SchemeName;
    }

    public static IEndpointRouteBuilder MapApiReference(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapOpenApi(DocumentPattern).RequireAuthorization(Policy);

        var page = endpoints.CreateApplicationBuilder()
            .UseSwaggerUI(o =>
            {
                o.RoutePrefix = PagePath.TrimStart('/');
                o.SwaggerEndpoint("/openapi/v1.json", "IncidentResponse API v1");
                o.DocumentTitle = "IncidentResponse API";
                o.ConfigObject.ValidatorUrl = null; // never ask an outside validator about the document
            })
            .Build();
        // GET only: the page's middleware serves files; any other method reached the end of its branch and
        // answered 500 (found by the authorisation matrix).
        string[] read = [HttpMethods.Get, HttpMethods.Head];
        endpoints.MapMethods(PagePath, read, page).RequireAuthorization(Policy).ExcludeFromDescription();
        endpoints.MapMethods(PagePath + "/{**file}", read, page).RequireAuthorization(Policy).ExcludeFromDescription();
        return endpoints;
    }
}
