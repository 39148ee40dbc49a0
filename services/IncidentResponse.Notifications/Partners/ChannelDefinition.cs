using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// One channel of a contact, written as exactly one of <c>email: …</c>, <c>sms: …</c> or
/// <c>webhook: https://…</c> (with <c>secretRef</c>: the name of the signing secret under
/// <c>Notifications:Secrets</c> in configuration, never the secret itself).
/// </summary>
public sealed class ChannelDefinition
{
    public string? Email { get; set; }

    public string? Sms { get; set; }

    public string? Webhook { get; set; }

    public string? SecretRef { get; set; }

    public ContactChannel ToContact() =>
        Email is not null ? new ContactChannel("email", Email, null)
        : Sms is not null ? new ContactChannel("sms", Sms, null)
        : new ContactChannel("webhook", Webhook!, SecretRef);

    internal IEnumerable<string> Problems()
    {
        var set = new[] { Email, Sms, Webhook }.Count(v => v is not null);
        if (set != 1)
        {
            yield return "each channel is exactly one of email, sms or webhook";
            yield break;
        }

        var contact = ToContact();
        if (!ContactChannel.IsValidAddress(contact.Channel, contact.Address))
        {
            yield return $"{contact.Channel} address {contact.Address} is not valid";
        }

        if (contact.Channel == "webhook" && string.IsNullOrWhiteSpace(SecretRef))
        {
            yield return "a webhook needs secretRef";
        }
    }
}

/// <summary>A channel of a recipient as stored: channel name, address, and for webhooks the secret's name.</summary>
public sealed record ContactChannel(string Channel, string Address, string? SecretRef)
{
    public static bool IsValidAddress(string channel, string address) => channel switch
    {
        "email" => MimeKit.MailboxAddress.TryParse(address, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal),
        "sms" => address.Length is >= 8 and <= 20 && address.TrimStart('+').All(char.IsAsciiDigit),
        "webhook" => Uri.TryCreate(address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
        _ => false,
    };

    public Destination ToDestination(string? secret) => new(Channel, Address, Channel == "webhook" ? secret : null);
}
