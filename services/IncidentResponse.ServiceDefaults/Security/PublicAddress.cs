using System.Net;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// The address people reach the console at, from which every link sent or shown is built:
/// <c>Notifications:PublicBaseUrl</c>, else the first address the Host listens on (<c>Urls</c>) when
/// that is a real address. Never the request's Host header, which a client chooses.
/// </summary>
public static class PublicAddress
{
    public const string Setting = "Notifications:PublicBaseUrl";

    /// <summary>The embedded default's own address, when nothing else is configured.</summary>
    public static readonly Uri Default = new("http://127.0.0.1:5080/");

    /// <summary>The base address with a trailing slash, or null when neither setting gives one links can be built from.</summary>
    public static Uri? Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[Setting];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Usable(configured, allowUnspecified: true);
        }

        var listening = configuration["Urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        return listening is null ? Default : Usable(listening, allowUnspecified: false);
    }

    /// <summary>
    /// As <see cref="Resolve(IConfiguration)"/>, but without <c>Notifications:PublicBaseUrl</c> the first of the
    /// addresses the server is actually bound to (<paramref name="bound"/>, e.g. the real port of <c>:0</c>) comes first.
    /// </summary>
    public static Uri? Resolve(IConfiguration configuration, IEnumerable<string>? bound)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration[Setting]) && bound?.FirstOrDefault() is { } first && Usable(first, allowUnspecified: false) is { } own
            ? own
            : Resolve(configuration);
    }

    /// <summary>True when the resolved address is https: browsers then only get cookies marked Secure and an HSTS header.</summary>
    public static bool IsHttps(IConfiguration configuration) =>
        Resolve(configuration) is { Scheme: "https" };

    /// <summary>True when the address came from the listening address and that is this machine only (a trial on one machine).</summary>
    public static bool IsLoopbackFallback(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration[Setting]) && Resolve(configuration) is { IsLoopback: true };
    }

    private static Uri? Usable(string text, bool allowUnspecified)
    {
        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || string.IsNullOrEmpty(uri.Host))
        {
            return null;
        }

        // http://+:8080, http://*:8080, http://0.0.0.0:8080 and http://[::]:8080 say where to listen, not where to go.
        var unspecified = IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && (ip.Equals(IPAddress.Any) || ip.Equals(IPAddress.IPv6Any));
        return unspecified && !allowUnspecified ? null : uri;
    }
}
