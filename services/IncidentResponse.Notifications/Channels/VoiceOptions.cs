namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The <c>Notifications:Voice</c> configuration section: a provider-neutral HTTP voice gateway that places a call, reads
/// the text with its Vietnamese text-to-speech, collects a key and calls back.
/// </summary>
public sealed class VoiceOptions
{
    public const string Section = "Notifications:Voice";

    public const string DefaultBodyTemplate =
        """{"to":"{to}","text":"{text}","language":"{language}","reference":"{reference}","callbackUrl":"{callback}","idempotencyKey":"{id}"}""";

    /// <summary>The gateway's call URL; when empty the voice channel answers every try with a permanent failure.</summary>
    public string? Endpoint { get; set; }

    /// <summary>
    /// The JSON body; <c>{to}</c> (E.164), <c>{text}</c>, <c>{language}</c> (<c>vi-VN</c> or <c>en-US</c>), <c>{reference}</c>
    /// (a signed token the callback returns), <c>{callback}</c> (the callback URL) and <c>{id}</c> (the notification id) are
    /// replaced by JSON-escaped values (inside quotes).
    /// </summary>
    public string BodyTemplate { get; set; } = DefaultBodyTemplate;

    /// <summary>Extra request headers, e.g. <c>Authorization</c>. Never logged.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The shared secret that signs the gateway's callbacks (<c>X-IR-Timestamp</c>, <c>X-IR-Signature</c>, as webhooks are
    /// signed). Without it no key pressed acknowledges anything.
    /// </summary>
    public string? CallbackSecret { get; set; }

    /// <summary>How far a callback's timestamp may be from now.</summary>
    public TimeSpan CallbackTolerance { get; set; } = TimeSpan.FromMinutes(5);
}
