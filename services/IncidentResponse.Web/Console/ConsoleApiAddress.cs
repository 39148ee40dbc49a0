using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Console;

/// <summary>The <c>Web</c> configuration section.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>Where pages call the JSON API; default this Host's own first listening address.</summary>
    public Uri? ApiBaseUrl { get; set; }
}

/// <summary>
/// The API's base address, read lazily: the server's addresses are only known once it listens
/// (tests listen on port 0). A wildcard listening address is reached over loopback.
/// </summary>
public sealed class ConsoleApiAddress(IOptions<WebOptions> options, IServer server)
{
    private Uri? resolved;

    public Uri BaseAddress => resolved ??= Resolve();

    private Uri Resolve()
    {
        if (options.Value.ApiBaseUrl is { } configured)
        {
            return WithSlash(configured);
        }

        var first = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no listening address yet; set Web:ApiBaseUrl");
        var normalized = first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return WithSlash(new Uri(normalized));
    }

    private static Uri WithSlash(Uri uri) => uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
}
