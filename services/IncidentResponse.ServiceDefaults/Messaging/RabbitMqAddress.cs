namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// The parts of an <c>amqp://user:pass@host:port/vhost</c> address; <c>amqps://</c> means TLS
/// (port 5671 unless given), checking the broker's certificate and name.
/// </summary>
public sealed record RabbitMqAddress(string Host, ushort Port, string VirtualHost, string Username, string Password, bool UseTls = false)
{
    public static RabbitMqAddress Parse(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (uri.Scheme is not ("amqp" or "amqps" or "rabbitmq" or "rabbitmqs"))
        {
            throw new ArgumentException($"Messaging:RabbitMqUri must start with amqp:// or amqps:// (got {uri.Scheme}://)", nameof(uri));
        }

        var tls = uri.Scheme is "amqps" or "rabbitmqs";
        var user = uri.UserInfo.Split(':', 2);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        return new RabbitMqAddress(
            uri.Host,
            uri.IsDefaultPort || uri.Port <= 0 ? (ushort)(tls ? 5671 : 5672) : (ushort)uri.Port,
            vhost.Length == 0 ? "/" : vhost,
            user.Length > 0 && user[0].Length > 0 ? Uri.UnescapeDataString(user[0]) : "guest",
            user.Length > 1 ? Uri.UnescapeDataString(user[1]) : "guest",
            tls);
    }
}
