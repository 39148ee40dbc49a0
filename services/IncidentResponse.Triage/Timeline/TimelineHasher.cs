using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// The hash chain: an HMAC-SHA256, under a timeline key kept outside the database, over an unambiguous
/// serialisation of an entry's fields, the previous hash and the key's id. Entries written before the
/// chain was keyed (no key id) are legacy: plain SHA-256 over the same fields without the key id, which
/// anyone with write access to the database can recompute. Instants are kept to the microsecond, the
/// precision both databases store.
/// </summary>
public static class TimelineHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The legacy, unkeyed hash (entries without a key id).</summary>
    public static string Hash(TimelineEntry entry) =>
        Convert.ToHexStringLower(SHA256.HashData(Serialise(entry, keyId: null)));

    /// <summary>The keyed hash of an entry sealed under <paramref name="keyId"/>.</summary>
    public static string Hash(TimelineEntry entry, string keyId, byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Serialise(entry, keyId)));

    private static byte[] Serialise(TimelineEntry entry, string? keyId)
    {
        ArgumentNullException.ThrowIfNull(entry);
        List<string> fields =
        [
            entry.Id.ToString("N"),
            entry.IncidentId.ToString("N"),
            entry.Sequence.ToString(CultureInfo.InvariantCulture),
            entry.OccurredAt.UtcTicks.ToString(CultureInfo.InvariantCulture),
            entry.Kind,
            entry.ActorId,
            entry.ActorName,
            entry.Channel,
            entry.SummaryVi,
            entry.SummaryEn,
            entry.Data ?? "",
            entry.PreviousHash,
        ];
        if (keyId is not null)
        {
            fields.Add(keyId);
        }

        // The same bytes as the UTF-8 of JsonSerializer.Serialize(fields), which every stored chain was sealed with,
        // without the string between (TimelineHashVectorTests holds known answers).
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }

    /// <summary>Drops what a database would drop, so the hash computed now matches the row read later.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset at) => ServiceDefaults.Data.StoredPrecision.Of(at);
}
