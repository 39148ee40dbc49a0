using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MassTransit;

namespace IncidentResponse.ServiceDefaults.Messaging;

/// <summary>
/// TLS towards RabbitMQ for an <c>amqps://</c> address: TLS 1.2 or 1.3, the broker's certificate must
/// name the host of the address (or <see cref="MessagingOptions.RabbitMqTlsServerName"/>) and chain to a
/// trusted root: the system's, or only <see cref="MessagingOptions.RabbitMqCaCertificatePath"/> when set.
/// </summary>
public static class RabbitMqTls
{
    public static void Configure(IRabbitMqSslConfigurator ssl, RabbitMqAddress broker, MessagingOptions options)
    {
        ArgumentNullException.ThrowIfNull(ssl);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(options);
        ssl.Protocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        ssl.ServerName = string.IsNullOrWhiteSpace(options.RabbitMqTlsServerName) ? broker.Host : options.RabbitMqTlsServerName;
        if (!string.IsNullOrWhiteSpace(options.RabbitMqCaCertificatePath))
        {
            var authority = LoadAuthority(options.RabbitMqCaCertificatePath);
            ssl.CertificateValidationCallback = (_, certificate, _, errors) => Trusted(certificate, errors, authority);
        }
    }

    /// <summary>
    /// The broker's certificate is accepted when nothing but its chain was in doubt and the chain ends
    /// at <paramref name="authority"/>; a name mismatch or a missing certificate is never accepted.
    /// </summary>
    public static bool Trusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var presented = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(presented);
    }

    internal static X509Certificate2 LoadAuthority(string path)
    {
        try
        {
            return X509CertificateLoader.LoadCertificateFromFile(path);
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"Messaging:RabbitMqCaCertificatePath '{path}' is not a readable PEM or DER certificate: {ex.Message}", ex);
        }
    }
}
