namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One way to reach a recipient: the channel ("email", "webhook", "sms") and its address (a mailbox,
/// an https URL, a phone number). <see cref="Secret"/> is the webhook signing secret, resolved from
/// configuration just before sending; it is never stored with attempts nor written to logs.
/// </summary>
public sealed record Destination(string Channel, string Address, string? Secret = null)
{
    public override string ToString() => $"{Channel}:{Address}";
}
