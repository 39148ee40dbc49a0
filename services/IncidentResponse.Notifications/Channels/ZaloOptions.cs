namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The <c>Notifications:Zalo</c> configuration section: a Zalo Official Account (OA) and the app linked to it, for OA
/// messages to followers (<c>zalo</c>) and Zalo Notification Service template messages to phone numbers (<c>zns</c>).
/// </summary>
public sealed class ZaloOptions
{
    public const string Section = "Notifications:Zalo";

    /// <summary>The Zalo app's id (developers.zalo.me), linked to the OA.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's secret key, sent as <c>secret_key</c> when refreshing the access token. Never logged.</summary>
    public string? SecretKey { get; set; }

    /// <summary>The OA's id; webhook events for another OA are ignored.</summary>
    public string? OaId { get; set; }

    /// <summary>The OA secret key (not the app's): it signs the OA webhook's events (<c>X-ZEvent-Signature</c>). Never logged.</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>
    /// The refresh token from authorising the app on the OA. It works once: each refresh stores the new one in the
    /// database (<c>provider_tokens</c>), shared by every Host; a different value here starts over from it.
    /// </summary>
    public string? RefreshToken { get; set; }

    public Uri OpenApiBaseUrl { get; set; } = new("https://openapi.zalo.me/");

    public Uri ZnsApiBaseUrl { get; set; } = new("https://business.openapi.zalo.me/");

    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.zaloapp.com/");

    /// <summary>The approved ZNS template's id; without it every ZNS try fails permanently.</summary>
    public string? ZnsTemplateId { get; set; }

    /// <summary>
    /// The template's parameters: name → value, where <c>{number}</c>, <c>{severity}</c>, <c>{unit}</c>, <c>{title}</c> (only
    /// where the TLP and the disclosure policy allow it, else empty), <c>{code}</c>, <c>{link}</c> (the acknowledgement link)
    /// and <c>{token}</c> (its last part, for a template button whose URL ends in it) are replaced.
    /// </summary>
    public Dictionary<string, string> ZnsTemplateData { get; set; } = new(StringComparer.Ordinal)
    {
        ["incident_number"] = "{number}",
        ["severity"] = "{severity}",
        ["ack_code"] = "{code}",
        ["ack_token"] = "{token}",
    };

    /// <summary>Longest OA message text, in characters (Zalo's limit is 2000).</summary>
    public int MaxLength { get; set; } = 2000;
}
