namespace IncidentResponse.Notifications.Channels;

/// <summary>Who receives a notice, in their own language ("vi" or "en") and time zone (an IANA id).</summary>
public sealed record Recipient(string Name, string Language, string TimeZone)
{
    public const string DefaultTimeZone = IncidentResponse.ServiceDefaults.Committee.LocalTimes.DefaultZone;

    public bool PrefersEnglish => string.Equals(Language, "en", StringComparison.OrdinalIgnoreCase);
}
