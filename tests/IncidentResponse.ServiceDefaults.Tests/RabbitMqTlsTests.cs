using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentResponse.ServiceDefaults.Messaging;
using MassTransit;

namespace IncidentResponse.ServiceDefaults.Tests;

/// <summary>amqps:// addresses: TLS 1.2+, the broker's name checked, and only the configured authority trusted when one is set.</summary>
public sealed class RabbitMqTlsTests
{
    [Fact]
    public void An_amqps_address_asks_for_TLS_on_port_5671_by_default() =>
        Assert.Equal(
            new RabbitMqAddress("rabbit.example.invalid", 5671, "incidents", "ir", "secret", UseTls: true),
            RabbitMqAddress.Parse(new Uri("amqps://ir:secret@rabbit.example.invalid/incidents")));

    [Fact]
    public void An_amqps_address_keeps_its_own_port_and_amqp_stays_plain()
    {
        Assert.Equal(5999, RabbitMqAddress.Parse(new Uri("amqps://rabbit:5999/")).Port);
        Assert.False(RabbitMqAddress.Parse(new Uri("amqp://rabbit/")).UseTls);
    }

    [Fact]
    public void TLS_checks_the_host_name_of_the_address_or_the_configured_one()
    {
        var broker = RabbitMqAddress.Parse(new Uri("amqps://ir:x@10.0.0.7/ir"));
        var ssl = new RecordingSsl();

        RabbitMqTls.Configure(ssl, broker, new MessagingOptions());
        Assert.Equal("10.0.0.7", ssl.ServerName);
        Assert.Equal(SslProtocols.Tls12 | SslProtocols.Tls13, ssl.Protocol);
        Assert.Null(ssl.CertificateValidationCallback); // the system's roots, full validation

        RabbitMqTls.Configure(ssl, broker, new MessagingOptions { RabbitMqTlsServerName = "rabbit.bacninh.example.invalid" });
        Assert.Equal("rabbit.bacninh.example.invalid", ssl.ServerName);
    }

    [Fact]
    public void With_a_CA_file_only_certificates_it_issued_and_with_the_right_name_are_accepted()
    {
        using var authorityKey = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        var authorityRequest = new CertificateRequest("CN=IR test CA", authorityKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        var caFile = Path.Combine(Path.GetTempPath(), $"ir-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(caFile, authority.ExportCertificatePem());
        using var cleanup = new Deletes(caFile);
        using var brokerKey = RSA.Create(2048);
        var brokerRequest = new CertificateRequest("CN=rabbit", brokerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var issued = brokerRequest.Create(authority, now.AddDays(-1), now.AddDays(30), [1, 2, 3, 4]);
        using var strangerKey = RSA.Create(2048);
        using var selfSigned = new CertificateRequest("CN=rabbit", strangerKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        var ssl = new RecordingSsl();

        RabbitMqTls.Configure(ssl, RabbitMqAddress.Parse(new Uri("amqps://rabbit/")), new MessagingOptions { RabbitMqCaCertificatePath = caFile });
        var check = Assert.IsType<RemoteCertificateValidationCallback>(ssl.CertificateValidationCallback);

        Assert.True(check(this, issued, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check(this, selfSigned, null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check(this, issued, null, SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(check(this, null, null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void An_unreadable_CA_file_is_refused_with_the_setting_named()
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => RabbitMqTls.Configure(
            new RecordingSsl(), RabbitMqAddress.Parse(new Uri("amqps://rabbit/")), new MessagingOptions { RabbitMqCaCertificatePath = "/nonexistent/ca.pem" }));

        Assert.Contains("Messaging:RabbitMqCaCertificatePath", refusal.Message, StringComparison.Ordinal);
    }

    private sealed class Deletes(string path) : IDisposable
    {
        public void Dispose() => File.Delete(path);
    }

    private sealed class RecordingSsl : IRabbitMqSslConfigurator
    {
        public string? CertificatePath { get; set; }

        public string? CertificatePassphrase { get; set; }

        public string? ServerName { get; set; }

        public SslProtocols Protocol { get; set; }

        public X509Certificate? Certificate { get; set; }

        public bool UseCertificateAsAuthenticationIdentity { get; set; }

        public LocalCertificateSelectionCallback? CertificateSelectionCallback { get; set; }

        public RemoteCertificateValidationCallback? CertificateValidationCallback { get; set; }

        public void AllowPolicyErrors(SslPolicyErrors policyErrors)
        {
        }

        public void EnforcePolicyErrors(SslPolicyErrors policyErrors)
        {
        }
    }
}
