using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// One channel of a contact, written as exactly one of <c>email: …</c>, <c>sms: …</c>, <c>webhook: https://…</c> (with
/// <c>secretRef</c>: the name of the signing secret under <c>Notifications:Secrets</c> in configuration, never the
/// secret itself), <c>telegram: &lt;chat id&gt;</c> (a person's chat with the bot or a group), <c>zalo: &lt;user id&gt;</c>
/// (a follower of the Zalo Official Account), <c>zns: &lt;phone&gt;</c> (a Zalo Notification Service template message)
/// or <c>voice: &lt;phone&gt;</c> (a call read out by the voice gateway). Phone numbers are stored in E.164.
/// </summary>
public sealed class ChannelDefinition
{
    public string? Email { get; set; }

    public string? Sms { get; set; }

    public string? Webhook { get; set; }

    public string? Telegram { get; set; }

    public string? Zalo { get; set; }

    public string? Zns { get; set; }

    public string? Voice { get; set; }

    public string? SecretRef { get; set; }

    private IEnumerable<(string Channel, string? Address)> Written =>
    [
        ("email", Email), ("sms", Sms), ("webhook", Webhook), ("telegram", Telegram), ("zalo", Zalo), ("zns", Zns), ("voice", Voice),
    ];

    public ContactChannel ToContact()
    {
        var (channel, address) = Written.First(w => w.Address is not null);
        return new ContactChannel(channel, ContactChannel.IsPhone(channel) ? PhoneNumber.Normalise(address!) : address!.Trim(), channel == "webhook" ? SecretRef : null);
    }

    internal IEnumerable<string> Problems()
    {
        var set = Written.Count(w => w.Address is not null);
        if (set != 1)
        {
            yield return "each channel is exactly one of email, sms, webhook, telegram, zalo, zns or voice";
            yield break;
        }

        var contact = ToContact();
        if (!ContactChannel.IsValidAddress(contact.Channel, contact.Address))
        {
            yield return ContactChannel.IsPhone(contact.Channel)
                ? $"{contact.Channel}: {PhoneNumber.Problem(contact.Address)}"
                : $"{contact.Channel} address {contact.Address} is not valid";
        }

        if (contact.Channel == "webhook" && string.IsNullOrWhiteSpace(SecretRef))
        {
            yield return "a webhook needs secretRef";
        }

        if (contact.Channel != "webhook" && SecretRef is not null)
        {
            yield return "secretRef belongs to a webhook";
        }
    }
}

/// <summary>A channel of a recipient as stored: channel name, address, and for webhooks the secret's name.</summary>
public sealed record ContactChannel(string Channel, string Address, string? SecretRef)
{
    /// <summary>Every channel a directory entry or an escalation step may name.</summary>
    public static readonly IReadOnlyList<string> Names = ["email", "sms", "webhook", "telegram", "zalo", "zns", "voice"];

    /// <summary>The channels whose address is a phone number (normalised to E.164).</summary>
    public static bool IsPhone(string channel) => channel is "sms" or "zns" or "voice";

    public static bool IsValidAddress(string channel, string address) => channel switch
    {
        "email" => MimeKit.MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal),
        "sms" or "zns" or "voice" => PhoneNumber.ToE164(address) is not null,
        "webhook" => Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
        "telegram" => TelegramChannel.IsChatId(address),
        "zalo" => address.Length is >= 5 and <= 40 && address.All(char.IsAsciiDigit),
        _ => false,
    };

    public Destination ToDestination(string? secret, string? previousSecret = null) =>
        Channel == "webhook" ? new(Channel, Address, secret, previousSecret) : new(Channel, Address);
}
