namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One way to reach a recipient: the channel ("email", "webhook", "sms") and its address (a mailbox,
/// an https URL, a phone number). <see cref="Secret"/> is the webhook signing secret, resolved from
/// configuration just before sending (<see cref="PreviousSecret"/>: the one being retired, during a rotation); they are
/// never stored with attempts nor written to logs.
/// </summary>
public sealed record Destination(string Channel, string Address, string? Secret = null, string? PreviousSecret = null)
{
    public override string ToString() => $"{Channel}:{Address}";
}
