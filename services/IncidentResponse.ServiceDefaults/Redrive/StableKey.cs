using System.Security.Cryptography;
using System.Text;

namespace IncidentResponse.ServiceDefaults.Redrive;

/// <summary>A key that is the same for the same event however often it is told (a step of a chain, a round of an engagement).</summary>
public static class StableKey
{
    public static Guid Of(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        return new Guid(hash[..16]);
    }
}
