using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// Signs and checks the tokens in links sent to people (acknowledgement links): a purpose, a
/// subject, an expiry and an HMAC-SHA256 over them. The key is <c>Security:LinkSigningKey</c>
/// (every Host of a deployment needs the same one); without it, the embedded deployment makes one
/// and keeps it in the data directory. Keys being retired are listed in
/// <c>Security:LinkSigningPreviousKeys</c>: links they signed are still accepted, new links are
/// signed with the current key only, so a key can be rotated without breaking links already sent.
/// </summary>
public sealed class LinkSigner
{
    private readonly byte[] _key;
    private readonly IReadOnlyList<byte[]> _previous;
    private readonly TimeProvider _time;

    public LinkSigner(IConfiguration configuration, IOptions<DatabaseOptions> database, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(database);
        _time = time;
        _previous = [.. configuration.GetSection("Security:LinkSigningPreviousKeys").GetChildren()
            .Where(c => !string.IsNullOrWhiteSpace(c.Value))
            .Select(c => Derived(c.Value!, $"Security:LinkSigningPreviousKeys:{c.Key}"))];
        var configured = configuration["Security:LinkSigningKey"];
        _key = string.IsNullOrWhiteSpace(configured)
            ? KeptKey(Path.Combine(Path.GetFullPath(database.Value.DataDirectory), "link-signing.key"))
            : Derived(configured, "Security:LinkSigningKey");
    }

    private static byte[] Derived(string configured, string setting) => configured.Length < 32
        ? throw new InvalidOperationException($"{setting} must be at least 32 characters")
        : SHA256.HashData(Encoding.UTF8.GetBytes(configured));

    /// <summary>A URL-safe token for <paramref name="subject"/> (no dots in it) that is valid until <paramref name="lifetime"/> from now.</summary>
    public string Sign(string purpose, string subject, TimeSpan lifetime)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        if (subject.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("the subject may not contain '.'", nameof(subject));
        }

        var expires = (_time.GetUtcNow() + lifetime).ToUnixTimeSeconds();
        var body = $"{subject}.{expires}";
        return $"{body}.{Mac(_key, purpose, body)}";
    }

    /// <summary>The subject of a token signed for <paramref name="purpose"/>, or why it is refused.</summary>
    public LinkCheck Check(string purpose, string? token)
    {
        var parts = token?.Split('.') ?? [];
        if (parts.Length != 3 || !long.TryParse(parts[1], out var expires))
        {
            return new LinkCheck(null, "malformed");
        }

        var body = $"{parts[0]}.{parts[1]}";
        var given = Encoding.ASCII.GetBytes(parts[2]);
        var signed = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(_key, purpose, body)), given);
        foreach (var previous in _previous)
        {
            signed |= CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(previous, purpose, body)), given);
        }

        if (!signed)
        {
            return new LinkCheck(null, "bad-signature");
        }

        return _time.GetUtcNow().ToUnixTimeSeconds() > expires
            ? new LinkCheck(parts[0], "expired")
            : new LinkCheck(parts[0], null);
    }

    private static string Mac(byte[] key, string purpose, string body)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(purpose + "|" + body));
        return Base64Url.EncodeToString(mac.AsSpan(0, 20));
    }

    private static byte[] KeptKey(string path)
    {
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            if (PrivateFiles.TryCreate(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(key))))
            {
                return key;
            }

            // another role made it first: use theirs
        }

        return Convert.FromBase64String(File.ReadAllText(path).Trim());
    }
}

/// <summary>The outcome of checking a link token: its subject, and the reason when it is refused.</summary>
public sealed record LinkCheck(string? Subject, string? Refusal)
{
    public bool Valid => Refusal is null;
}
