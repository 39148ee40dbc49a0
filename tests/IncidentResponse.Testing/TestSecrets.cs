using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IncidentResponse.Testing;

/// <summary>
/// The secrets a distributed deployment refuses to start without, made once per test process: every
/// Host a test starts (in this process or as a child) shares them, as a real deployment's Hosts do.
/// </summary>
public static class TestSecrets
{
    public const string LinkSigningKey = "test-link-signing-key-0123456789abcdef-0123456789";

    public const string CertificatePassword = "test-key-ring-password";

    private static readonly Lazy<string> Certificate = new(() => MakeCertificate(Path.Combine(
        Path.GetTempPath(), $"ir-test-key-ring-{Environment.ProcessId}-{Guid.NewGuid():N}.pfx")));

    /// <summary>A .pfx with an RSA certificate and its key, protected by <see cref="CertificatePassword"/>.</summary>
    public static string CertificatePath => Certificate.Value;

    /// <summary>The distributed deployment's secrets as settings (<c>Section:Key</c>).</summary>
    public static IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Security:LinkSigningKey"] = LinkSigningKey,
        ["Security:DataProtection:CertificatePath"] = CertificatePath,
        ["Security:DataProtection:CertificatePassword"] = CertificatePassword,
    };

    /// <summary>Writes a new self-signed RSA certificate with its key to <paramref name="path"/>.</summary>
    public static string MakeCertificate(string path, string password = CertificatePassword, string subject = "CN=IncidentResponse test key ring")
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(5));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pkcs12, password));
        return path;
    }
}
