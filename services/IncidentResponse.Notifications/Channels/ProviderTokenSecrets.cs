using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Provider tokens as the database keeps them: encrypted and authenticated with the Hosts' shared Data Protection key
/// ring (itself encrypted at rest, docs/security/secrets-and-transport.md), so that a copy of the database or a backup
/// does not let anyone write to partners as the committee's Zalo OA. A value stored before encryption (no prefix) is
/// read as it is and replaced, encrypted, at the next refresh.
/// </summary>
public sealed class ProviderTokenSecrets(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";
    private readonly IDataProtector _protector = provider.CreateProtector("IncidentResponse.Notifications.ProviderTokens");

    public string Protect(string token) => Prefix + _protector.Protect(token);

    /// <summary>False when the value was encrypted with a key this Host's key ring does not hold.</summary>
    public bool TryReveal(string stored, out string token)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            token = stored;
            return true;
        }

        try
        {
            token = _protector.Unprotect(stored[Prefix.Length..]);
            return true;
        }
        catch (CryptographicException)
        {
            token = "";
            return false;
        }
    }
}
