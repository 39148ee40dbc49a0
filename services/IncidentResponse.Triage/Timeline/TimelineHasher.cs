using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// The hash chain: SHA-256 over an unambiguous serialisation of an entry's fields and the previous
/// hash. Instants are kept to the microsecond, the precision both databases store.
/// </summary>
public static class TimelineHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Hash(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        string[] fields =
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
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(fields))));
    }

    /// <summary>Drops what a database would drop, so the hash computed now matches the row read later.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);
}
