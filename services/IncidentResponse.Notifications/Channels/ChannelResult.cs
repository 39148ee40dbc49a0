namespace IncidentResponse.Notifications.Channels;

/// <summary>How one try on one channel ended.</summary>
public enum AttemptOutcome
{
    Delivered,

    /// <summary>Worth trying again: SMTP 4xx, HTTP 5xx or 429, time-out, connection refused, circuit open.</summary>
    TransientFailure,

    /// <summary>Not worth trying again on this destination: SMTP 5xx (recipient rejected), HTTP 4xx.</summary>
    PermanentFailure,
}

/// <summary>The outcome of one try and the provider's own words (status line, SMTP reply), for the record.</summary>
public sealed record ChannelResult(AttemptOutcome Outcome, string ProviderResponse, string? ProviderMessageId = null)
{
    public static ChannelResult Delivered(string response, string? messageId = null) => new(AttemptOutcome.Delivered, response, messageId);

    public static ChannelResult Transient(string response) => new(AttemptOutcome.TransientFailure, response);

    public static ChannelResult Permanent(string response) => new(AttemptOutcome.PermanentFailure, response);
}
