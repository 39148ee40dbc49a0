namespace IncidentResponse.Notifications.Channels;

/// <summary>Names the endpoint behind an address, for circuit breaking: <c>host:port</c> for URLs.</summary>
public static class ChannelEndpoint
{
    public static string Of(string channel, string? address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"{uri.Host}:{uri.Port}"
            : channel;
}
