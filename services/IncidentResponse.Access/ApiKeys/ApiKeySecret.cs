using System.Security.Cryptography;
using System.Text;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>Makes and hashes key secrets: <c>ir_</c> and 32 random bytes, base64url.</summary>
public static class ApiKeySecret
{
    public const int MinimumLength = 24;

    public static string Generate() => "ir_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key[..Math.Min(8, key.Length)];
}
