namespace IncidentResponse.Notifications.Channels;

/// <summary>The <c>Notifications:Sms</c> configuration section: a provider-neutral HTTP gateway.</summary>
public sealed class SmsOptions
{
    public const string Section = "Notifications:Sms";

    public const string DefaultBodyTemplate = """{"to":"{to}","message":"{text}","reference":"{id}"}""";

    /// <summary>The gateway URL; when empty the SMS channel answers every try with a permanent failure.</summary>
    public string? Endpoint { get; set; }

    /// <summary>The JSON body; <c>{to}</c>, <c>{text}</c> and <c>{id}</c> are replaced by JSON-escaped values (inside quotes).</summary>
    public string BodyTemplate { get; set; } = DefaultBodyTemplate;

    /// <summary>Extra request headers, e.g. <c>Authorization</c>. Never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Longest text sent, in characters (320 = about 5 UCS-2 segments).</summary>
    public int MaxLength { get; set; } = 320;

    /// <summary>
    /// Send Vietnamese without its diacritics ("Muc Cao, SU CO NGHIEM TRONG"), and only ASCII: what brand-name SMS gateways that
    /// refuse or garble accented text accept, and 160 characters to a segment instead of 70.
    /// </summary>
    public bool Unaccented { get; set; }
}
