using System.Security.Cryptography;
using System.Text;

namespace IncidentResponse.Access.ApiKeys;

/// <summary>Makes and hashes key secrets: <c>ir_</c> and 32 random bytes, base64url.</summary>
public static class ApiKeySecret
{
    public const int MinimumLength = 24;

    /// <summary>A configured key (<c>Bootstrap:ApiKey</c>) uses at least this many different characters: not <c>aaaa…</c> nor <c>1234…</c> repeated.</summary>
    public const int MinimumDistinctCharacters = 10;

    /// <summary>Why a key a person chose is too weak to be a coordinator's credential; null when it is not.</summary>
    public static string? Weakness(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumLength)
        {
            return $"at least {MinimumLength} characters";
        }

        return key.Distinct().Count() < MinimumDistinctCharacters
            ? $"at least {MinimumDistinctCharacters} different characters (a random one: openssl rand -base64 32)"
            : null;
    }

    public static string Generate() => "ir_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    public static string PrefixOf(string key) => key[..Math.Min(8, key.Length)];
}
