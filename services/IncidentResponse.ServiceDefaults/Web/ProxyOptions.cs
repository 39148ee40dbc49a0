namespace IncidentResponse.ServiceDefaults.Web;

/// <summary>
/// The <c>Web:Proxy</c> section: the reverse proxies whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> headers are believed. Nobody's are by default, not even this machine's.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "Web:Proxy";

    /// <summary>Addresses of the proxies in front of the Host, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
