using RabbitMQ.Client;

namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// A RabbitMQ.Client connection of its own to the broker the bus uses (the same nodes, credentials, virtual host and TLS),
/// for work outside MassTransit: migrating queues, counting what lies in the fault queues.
/// </summary>
public static class BrokerConnections
{
    /// <summary>
    /// Opens a connection; <paramref name="timeout"/>, when given, bounds each node's connection attempt and each reply the
    /// connection waits for (a channel's opening and closing among them), which otherwise wait 30 and 20 seconds.
    /// </summary>
    public static async Task<IConnection> OpenAsync(
        RabbitMqAddress broker, MessagingOptions settings, string clientName, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(settings);
        var factory = new ConnectionFactory
        {
            UserName = broker.Username,
            Password = broker.Password,
            VirtualHost = broker.VirtualHost,
        };
        if (timeout is { } bound)
        {
            factory.RequestedConnectionTimeout = bound;
            factory.ContinuationTimeout = bound;
        }

        var endpoints = broker.Nodes.Select(AmqpTcpEndpoint.Parse).ToList();
        foreach (var endpoint in endpoints)
        {
            endpoint.Ssl = Tls(broker, endpoint.HostName, settings);
        }

        return await factory.CreateConnectionAsync(endpoints, clientName, cancellationToken);
    }

    private static SslOption Tls(RabbitMqAddress broker, string node, MessagingOptions settings)
    {
        if (!broker.UseTls)
        {
            return new SslOption { Enabled = false };
        }

        var tls = new SslOption
        {
            Enabled = true,
            ServerName = string.IsNullOrWhiteSpace(settings.RabbitMqTlsServerName) ? node : settings.RabbitMqTlsServerName,
            Version = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13,
        };
        if (!string.IsNullOrWhiteSpace(settings.RabbitMqCaCertificatePath))
        {
            var authority = RabbitMqTls.LoadAuthority(settings.RabbitMqCaCertificatePath);
            tls.CertificateValidationCallback = (_, certificate, _, errors) => RabbitMqTls.Trusted(certificate, errors, authority);
        }

        return tls;
    }
}
