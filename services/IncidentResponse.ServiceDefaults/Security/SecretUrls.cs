using System.Globalization;

namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// Webhook addresses carry their credentials in the path or the query (chat services' incoming hooks put a token
/// there), so only coordinators, who administer them, read them whole; everyone else sees the scheme and the host,
/// enough to tell which service a unit is reached on (review L5).
/// </summary>
public static class SecretUrls
{
    public const string Hidden = "…";

    /// <summary>
    /// An address of <paramref name="channel"/> as a reader sees it: a webhook's masked unless <paramref name="whole"/> (a
    /// coordinator reads it), any other channel's (a mailbox, a phone number, a chat id) as it is.
    /// </summary>
    public static string? ForReader(string? channel, string? address, bool whole) =>
        channel == "webhook" && !whole && address is not null ? Mask(address) : address;

    /// <summary><c>https://hooks.example.com/…</c> for an http(s) URL; anything else is hidden whole.</summary>
    public static string Mask(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return address ?? "";
        }

        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            return Hidden;
        }

        // Rebuilt from its parts: user information in the authority is a credential too.
        var port = uri.IsDefaultPort ? "" : ":" + uri.Port.ToString(CultureInfo.InvariantCulture);
        return $"{uri.Scheme}://{uri.IdnHost}{port}/{Hidden}";
    }
}
