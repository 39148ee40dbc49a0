namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// A webhook carries the notice (TLP:AMBER included) and its signature; over plain http both cross the network in clear
/// and can be read or replayed (review M5b). Webhooks go over https, or over http to this machine (a local bridge), or
/// to a host an operator named in <c>Notifications:PlainHttpWebhookHosts</c> (a receiver inside a closed network).
/// </summary>
public static class PlainHttpWebhooks
{
    /// <summary>Why <paramref name="address"/> may not be used, or null when it may; the address is named masked (<see cref="SecretUrls"/>).</summary>
    public static string? Problem(string address, IReadOnlyCollection<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return $"webhook {SecretUrls.Mask(address)} is not an http(s) address";
        }

        if (uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback || allowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }

        return $"webhook {SecretUrls.Mask(address)} uses plain http: the notice and its signature would cross the network in clear; "
            + $"use https, or name {uri.IdnHost} in Notifications:PlainHttpWebhookHosts if it is inside a closed network";
    }
}
