using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// The webhook signature: <c>X-IR-Signature: sha256=&lt;hex&gt;</c>, the lowercase hex HMAC-SHA256 under the
/// shared secret of <c>"&lt;X-IR-Timestamp&gt;." + raw body bytes</c>. Receivers check it with
/// <see cref="Verify(string, string?, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/> and refuse timestamps outside
/// a tolerance, which stops replays. While the committee rotates a secret, <c>X-IR-Signature-Previous</c> carries the same
/// signature under the secret being retired: a receiver accepts a match of either header with the secret it holds, and
/// keeps working whichever side of the rotation it is on.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-IR-Timestamp";
    public const string SignatureHeader = "X-IR-Signature";
    public const string PreviousSignatureHeader = "X-IR-Signature-Previous";
    public const string Scheme = "sha256=";

    /// <summary>
    /// Whether <paramref name="timestamp"/> (Unix seconds, digits only) is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>, either way: the replay check of both signature schemes.
    /// </summary>
    internal static bool IsFresh(string timestamp, DateTimeOffset now, TimeSpan tolerance) =>
        long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        && (now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() <= tolerance;

    /// <summary>The header value <c>sha256=&lt;lowercase hex&gt;</c> for a body sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Compute(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Scheme + Convert.ToHexStringLower(Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture), body));
    }

    /// <summary>
    /// True when <paramref name="signatureHeader"/> is the signature of <paramref name="body"/> at
    /// <paramref name="timestampHeader"/> under <paramref name="secret"/>, and the timestamp is within
    /// <paramref name="tolerance"/> of <paramref name="now"/>. The comparison takes constant time.
    /// </summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || string.IsNullOrWhiteSpace(timestampHeader) || string.IsNullOrWhiteSpace(signatureHeader))
        {
            return false;
        }

        var stamp = timestampHeader.Trim();
        if (!IsFresh(stamp, now, tolerance))
        {
            return false;
        }

        var signature = signatureHeader.Trim();
        if (!signature.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(Scheme.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(given, Mac(secret, stamp, body));
    }

    /// <summary>
    /// As <see cref="Verify(string, string?, string?, ReadOnlySpan{byte}, DateTimeOffset, TimeSpan)"/>, accepting a match of
    /// either the signature or, during a rotation, the previous-secret signature (<see cref="PreviousSignatureHeader"/>).
    /// </summary>
    public static bool Verify(
        string secret, string? timestampHeader, string? signatureHeader, string? previousSignatureHeader, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        var current = Verify(secret, timestampHeader, signatureHeader, body, now, tolerance);
        var previous = !string.IsNullOrWhiteSpace(previousSignatureHeader) && Verify(secret, timestampHeader, previousSignatureHeader, body, now, tolerance);
        return current | previous;
    }

    private static byte[] Mac(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
    }
}
