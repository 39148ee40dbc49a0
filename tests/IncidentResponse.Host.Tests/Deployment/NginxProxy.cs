using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentResponse.Host.Tests.Docs;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// Debian's nginx run as a child process with the shipped <c>infra/proxy</c> template, filled in for a
/// free port, a self-signed certificate made here for <see cref="PublicName"/>, and one Host behind it.
/// The name is not <c>localhost</c> because ASP.NET Core never sends HSTS to localhost; clients reach it
/// on the loopback address whatever it resolves to.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    public const string Template = "infra/proxy/incidentresponse.conf.template";

    public const string PublicName = "ir.example.invalid";

    private readonly TempDirectory _directory;
    private readonly PeerProcess _nginx;

    private NginxProxy(TempDirectory directory, PeerProcess nginx, int port, X509Certificate2 certificate)
    {
        _directory = directory;
        _nginx = nginx;
        Port = port;
        Certificate = certificate;
    }

    public int Port { get; }

    public Uri BaseAddress => PublicAddress(Port);

    public static Uri PublicAddress(int port) => new($"https://{PublicName}:{port}/");

    /// <summary>The self-signed certificate nginx serves; a client trusts it as its only root.</summary>
    public X509Certificate2 Certificate { get; }

    public string Output => _nginx.Output;

    /// <summary>The port the proxy will listen on, chosen before the Host starts so that its public address can name it.</summary>
    public static int ChoosePort() => PeerProcess.FreePort();

    public static async Task<NginxProxy> StartAsync(int port, Uri upstream)
    {
        ArgumentNullException.ThrowIfNull(upstream);
        var nginx = PeerProcess.Locate("IR_TEST_NGINX", "/usr/sbin/nginx", "nginx");
        var directory = new TempDirectory();
        var certificate = SelfSigned();
        var crt = Path.Combine(directory.Path, "proxy.crt");
        var key = Path.Combine(directory.Path, "proxy.key");
        await File.WriteAllTextAsync(crt, certificate.ExportCertificatePem());
        using (var rsa = certificate.GetRSAPrivateKey()!)
        {
            await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
        }

        var server = RepositoryDocs.Read(Template)
            .Replace("${IR_SERVER_NAME}", PublicName, StringComparison.Ordinal)
            .Replace("${IR_HTTPS_PORT}", $"127.0.0.1:{port}", StringComparison.Ordinal)
            .Replace("${IR_HTTP_PORT}", $"127.0.0.1:{PeerProcess.FreePort()}", StringComparison.Ordinal)
            .Replace("${IR_UPSTREAM}", $"{upstream.Host}:{upstream.Port}", StringComparison.Ordinal)
            .Replace("${IR_TLS_CERTIFICATE}", crt, StringComparison.Ordinal)
            .Replace("${IR_TLS_KEY}", key, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Split('\n'), l => !l.TrimStart().StartsWith('#') && l.Contains("${IR_", StringComparison.Ordinal));
        var temp = directory.Path;
        // The main context a distribution's nginx.conf would give, in the test's own directory: one
        // process, in the foreground, logging to standard error.
        var config = $$"""
            daemon off;
            master_process off;
            worker_processes 1;
            pid {{temp}}/nginx.pid;
            error_log stderr warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{temp}}/client_body;
                proxy_temp_path {{temp}}/proxy;
                fastcgi_temp_path {{temp}}/fastcgi;
                uwsgi_temp_path {{temp}}/uwsgi;
                scgi_temp_path {{temp}}/scgi;
                include {{temp}}/incidentresponse.conf;
            }
            """;
        await File.WriteAllTextAsync(Path.Combine(temp, "incidentresponse.conf"), server);
        await File.WriteAllTextAsync(Path.Combine(temp, "nginx.conf"), config);
        var process = PeerProcess.Start(nginx, ["-e", "stderr", "-p", temp, "-c", Path.Combine(temp, "nginx.conf")], temp);
        var proxy = new NginxProxy(directory, process, port, certificate);
        try
        {
            await process.WaitForPortAsync(port, TimeSpan.FromSeconds(15));
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }

        return proxy;
    }

    /// <summary>A client of the proxy (on loopback) that trusts only its certificate, checks the name, and keeps no cookies of its own.</summary>
    public HttpClient Client()
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancel);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = { CertificateChainPolicy = new X509ChainPolicy { TrustMode = X509ChainTrustMode.CustomRootTrust, CustomTrustStore = { Certificate }, RevocationMode = X509RevocationMode.NoCheck } },
        };
        return new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30), DefaultRequestVersion = HttpVersion.Version20 };
    }

    private static X509Certificate2 SelfSigned()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest($"CN={PublicName}", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(PublicName);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = TimeProvider.System.GetUtcNow();
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
    }

    public async ValueTask DisposeAsync()
    {
        await _nginx.DisposeAsync();
        Certificate.Dispose();
        _directory.Dispose();
    }
}
