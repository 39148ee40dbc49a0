namespace IncidentResponse.Access.KeyRing;

/// <summary>
/// The <c>Security:DataProtection</c> section: the certificate that encrypts the Data Protection key ring
/// (the keys behind console cookies, anti-forgery and console tokens) in the Access database.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "Security:DataProtection";

    /// <summary>
    /// A PKCS#12 (.pfx) file with an RSA certificate and its private key. Required in a distributed
    /// deployment; the embedded default makes a self-signed one, <c>data-protection.pfx</c>, in the data directory.
    /// </summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }

    /// <summary>The certificate used before a rotation: keys it encrypted can still be read, new keys use <see cref="CertificatePath"/>.</summary>
    public string? PreviousCertificatePath { get; set; }

    public string? PreviousCertificatePassword { get; set; }
}
