using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The same webhook signed as the Standard Webhooks specification asks, beside <see cref="WebhookSignature"/>, so a partner
/// can verify with an off-the-shelf library: <c>webhook-id</c> (the sending's idempotency key), <c>webhook-timestamp</c>
/// (Unix seconds) and <c>webhook-signature: v1,&lt;base64 HMAC-SHA256 of "id.timestamp.body"&gt;</c>, one such entry per
/// secret, space-separated (two while a secret is being changed). The key is the secret's bytes: a secret written
/// <c>whsec_&lt;base64&gt;</c> is that base64's bytes, any other secret its UTF-8 bytes, which a library takes as
/// <c>whsec_</c> + their base64 (<see cref="LibrarySecret"/>).
/// </summary>
public static class StandardWebhookSignature
{
    public const string IdHeader = "webhook-id";
    public const string TimestampHeader = "webhook-timestamp";
    public const string SignatureHeader = "webhook-signature";

    private const string SecretPrefix = "whsec_";
    private const string Version = "v1,";

    /// <summary>The <c>webhook-signature</c> value: one <c>v1,…</c> entry per secret, in the order given.</summary>
    public static string Compute(IEnumerable<string> secrets, string id, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var entries = new List<string>();
        foreach (var secret in secrets)
        {
            entries.Add(Version + Convert.ToBase64String(Mac(secret, id, timestamp.ToString(CultureInfo.InvariantCulture), body)));
        }

        return string.Join(' ', entries);
    }

    /// <summary>
    /// True when one of the <c>v1</c> entries of <paramref name="signatureHeader"/> signs <paramref name="body"/> sent as
    /// <paramref name="id"/> at <paramref name="timestampHeader"/> under <paramref name="secret"/>, within
    /// <paramref name="tolerance"/> of <paramref name="now"/>. Constant-time per entry.
    /// </summary>
    public static bool Verify(string secret, string? id, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(id) || string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader)
            || !WebhookSignature.IsFresh(timestampHeader.Trim(), now, tolerance))
        {
            return false;
        }

        var expected = Mac(secret, id, timestampHeader.Trim(), body);
        var matched = false;
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!entry.StartsWith(Version, StringComparison.Ordinal))
            {
                continue;
            }

            var given = new byte[32];
            if (Convert.TryFromBase64String(entry[Version.Length..], given, out var written) && written == given.Length)
            {
                matched |= CryptographicOperations.FixedTimeEquals(given, expected);
            }
        }

        return matched;
    }

    /// <summary>The secret as a Standard Webhooks library takes it: itself when written <c>whsec_…</c>, else <c>whsec_</c> + its UTF-8 bytes in base64.</summary>
    public static string LibrarySecret(string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return IsWritten(secret, out _) ? secret : SecretPrefix + Convert.ToBase64String(Encoding.UTF8.GetBytes(secret));
    }

    private static byte[] Mac(string secret, string id, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var key = IsWritten(secret, out var decoded) ? decoded : Encoding.UTF8.GetBytes(secret);
        var prefix = Encoding.UTF8.GetBytes($"{id}.{timestamp}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(key, signed);
    }

    // A secret in the specification's own form: "whsec_" and the key's bytes in base64.
    private static bool IsWritten(string secret, out byte[] key)
    {
        key = [];
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            key = Convert.FromBase64String(secret[SecretPrefix.Length..]);
            return key.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
