namespace IncidentResponse.Notifications.Partners;

/// <summary>A person of a unit as written in the directory file (on-call schedules refer to them by id).</summary>
public sealed class PersonDefinition
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public string Unit { get; set; } = "";

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string Language { get; set; } = "vi";

    public string TimeZone { get; set; } = IncidentResponse.Notifications.Channels.Recipient.DefaultTimeZone;

    /// <summary>
    /// The person's channels in the order they are paged (e.g. <c>telegram</c>, <c>voice</c>, <c>sms</c>); none: SMS to
    /// <see cref="Phone"/>, then e-mail to <see cref="Email"/>.
    /// </summary>
    public List<ChannelDefinition> Channels { get; set; } = [];

    internal IEnumerable<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Id) || string.IsNullOrWhiteSpace(Name))
        {
            yield return "id and name are required";
        }

        if (Email is not null && !ContactChannel.IsValidAddress("email", Email))
        {
            yield return $"email {Email} is not valid";
        }

        if (Phone is not null && PhoneNumber.ToE164(Phone) is null)
        {
            yield return "phone: " + PhoneNumber.Problem(Phone);
        }

        foreach (var problem in Channels.SelectMany(c => c.Problems()))
        {
            yield return "channels: " + problem;
        }

        if (Language is not ("vi" or "en"))
        {
            yield return "language must be vi or en";
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out _))
        {
            yield return $"time zone {TimeZone} is unknown";
        }
    }
}
