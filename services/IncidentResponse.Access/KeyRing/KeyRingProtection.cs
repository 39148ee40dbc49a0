using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using IncidentResponse.ServiceDefaults.Deployment;
using IncidentResponse.ServiceDefaults.Security;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Access.KeyRing;

/// <summary>
/// Encrypts the key ring at rest with a certificate that is not in the database, so that a copy of the
/// Access schema (or of a backup) is not enough to forge console cookies and tokens. Keys written before
/// (unencrypted) are still read; keys encrypted with <see cref="KeyRingOptions.PreviousCertificatePath"/> too.
/// </summary>
public static class KeyRingProtection
{
    /// <summary>The certificate the embedded default makes for itself, in its data directory.</summary>
    public const string GeneratedFileName = "data-protection.pfx";

    public static IDataProtectionBuilder ProtectKeyRing(this IDataProtectionBuilder dataProtection, IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<KeyRingOptions>().BindConfiguration(KeyRingOptions.Section);
        var options = builder.Configuration.GetSection(KeyRingOptions.Section).Get<KeyRingOptions>() ?? new KeyRingOptions();
        X509Certificate2 current;
        if (!string.IsNullOrWhiteSpace(options.CertificatePath))
        {
            current = Load(options.CertificatePath, options.CertificatePassword);
        }
        else if (DeploymentKind.IsDistributed(builder.Configuration))
        {
            return dataProtection; // the start-up check refuses this deployment (every Host needs the same certificate)
        }
        else
        {
            var directory = builder.Configuration["Database:DataDirectory"] is { Length: > 0 } d ? d : "data";
            current = Generated(Path.Combine(Path.GetFullPath(directory), GeneratedFileName));
        }

        dataProtection.ProtectKeysWithCertificate(current);
        if (!string.IsNullOrWhiteSpace(options.PreviousCertificatePath))
        {
            dataProtection.UnprotectKeysWithAnyCertificate(current, Load(options.PreviousCertificatePath, options.PreviousCertificatePassword));
        }

        return dataProtection;
    }

    /// <summary>A certificate with its private key from a .pfx file, or an error naming the setting.</summary>
    public static X509Certificate2 Load(string path, string? password)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Security:DataProtection:CertificatePath '{path}' cannot be read as a .pfx with its password (Security:DataProtection:CertificatePassword): {ex.Message}", ex);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            throw new InvalidOperationException($"Security:DataProtection:CertificatePath '{path}' must hold an RSA certificate with its private key");
        }

        return certificate;
    }

    /// <summary>Reads the embedded default's certificate, making it (readable by this user only) the first time.</summary>
    public static X509Certificate2 Generated(string path)
    {
        if (!File.Exists(path))
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=IncidentResponse key ring", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = TimeProvider.System.GetUtcNow(); // not a business time: the certificate's validity, which Data Protection ignores
            using var made = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(100));
            PrivateFiles.TryCreate(path, made.Export(X509ContentType.Pkcs12)); // false: another Host of this directory made it first, use theirs
        }

        return Load(path, null);
    }
}
