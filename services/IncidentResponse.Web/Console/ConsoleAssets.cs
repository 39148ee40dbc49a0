using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace IncidentResponse.Web.Console;

/// <summary>
/// The console's stylesheets, scripts and icon, embedded in this assembly and served under <c>/console/…</c>
/// the same way under <c>dotnet run</c>, in tests and in a published Host. Links carry a content hash
/// (<see cref="Url"/>) so they can be cached for long.
/// </summary>
public static class ConsoleAssets
{
    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The versioned address of an asset, e.g. <c>/console/console.css?v=…</c>.</summary>
    public static string Url(string name) =>
        Assets.TryGetValue(name, out var asset) ? $"/console/{name}?v={asset.ETag.Trim('"')}" : throw new ArgumentException("unknown console asset " + name, nameof(name));

    internal static IEndpointRouteBuilder MapConsoleAssets(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/console/{name}", (string name, HttpContext context) =>
        {
            if (!Assets.TryGetValue(name, out var asset))
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=86400";
            if (context.Request.Headers.IfNoneMatch.ToString() == asset.ETag)
            {
                context.Response.Headers.ETag = asset.ETag;
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }

            return Results.Bytes(asset.Content, asset.ContentType, entityTag: new EntityTagHeaderValue(asset.ETag));
        }).AllowAnonymous().ExcludeFromDescription();

        // Browsers ask for it on pages that name no icon (a problem answer, a raw file); no sign-in needed.
        endpoints.MapGet("/favicon.ico", () => Results.Redirect(Url("icon.svg"), permanent: true)).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("console/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource["console/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "text/javascript; charset=utf-8",
            };
            assets[name] = new Asset(content, type, "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..16] + "\"");
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
