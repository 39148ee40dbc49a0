namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// The parts of an <c>amqp://user:pass@host:port/vhost</c> address; <c>amqps://</c> means TLS
/// (port 5671 unless given), checking the broker's certificate and name. A cluster's other nodes
/// (<see cref="MessagingOptions.RabbitMqClusterNodes"/>: <c>rabbitmq-2,rabbitmq-3:5673</c>) are tried after the
/// address's host, in that order, with its port unless they name theirs.
/// </summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls = false, string OtherNodes = "")
{
    /// <summary>Every node as <c>host:port</c>, the address's host first.</summary>
    public IReadOnlyList<string> Nodes =>
        [$"{Host}:{Port}", .. OtherNodes.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => n.Contains(':', StringComparison.Ordinal) ? n : $"{n}:{Port}")];

    public static RabbitMqAddress Parse(Uri uri, string? otherNodes = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            throw new ArgumentException($"Messaging:RabbitMqUri must start with amqp:// or amqps:// (got {uri.Scheme}://)", nameof(uri));
        }

        var tls = uri.Scheme is "amqps" or "rabbitmqs";
        var user = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var others = (otherNodes ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var node in others)
        {
            var parts = node.Split(':');
            if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && !ushort.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out _)))
            {
                throw new ArgumentException($"Messaging:RabbitMqClusterNodes: '{node}' is not a host or host:port", nameof(otherNodes));
            }
        }

        return new RabbitMqAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port <= 0 ? (ushort)(tls ? 5671 : 5672) : (ushort)uri.Port,
            vhost.Length == 0 ? "/" : vhost,
            user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "guest",
            user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "guest",
            tls,
            string.Join(',', others));
    }
}
