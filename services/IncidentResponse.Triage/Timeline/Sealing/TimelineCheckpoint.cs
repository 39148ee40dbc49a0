using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>What a checkpoint records of one incident's timeline: its length, head hash and how many entries are legacy.</summary>
public sealed record CheckpointHead(
    [property: JsonPropertyName("incident")] Guid Incident,
    [property: JsonPropertyName("number")] string Number,
    [property: JsonPropertyName("length")] int Length,
    [property: JsonPropertyName("head")] string Head,
    [property: JsonPropertyName("legacy")] int Legacy);

/// <summary>
/// One line of the checkpoint file: the heads that moved since the previous line, numbered, chained to the
/// previous line's MAC, and signed with an HMAC-SHA256 under the timeline key named by <see cref="KeyId"/>.
/// </summary>
public sealed record TimelineCheckpoint(
    [property: JsonPropertyName("seq")] long Sequence,
    [property: JsonPropertyName("at")] string At,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("previous")] string Previous,
    [property: JsonPropertyName("heads")] IReadOnlyList<CheckpointHead> Heads,
    [property: JsonPropertyName("mac")] string? Mac = null)
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public DateTimeOffset Instant => DateTimeOffset.Parse(At, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static string Written(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The MAC over everything but the MAC itself.</summary>
    public string ComputeMac(byte[] key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("timeline-checkpoint|" + JsonSerializer.Serialize(this with { Mac = null }, Json))));

    public TimelineCheckpoint SignWith(TimelineKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return this with { KeyId = key.Id, Mac = (this with { KeyId = key.Id }).ComputeMac(key.Secret) };
    }

    public string ToLine() => JsonSerializer.Serialize(this, Json);

    public static TimelineCheckpoint? Parse(string line) => JsonSerializer.Deserialize<TimelineCheckpoint>(line, Json);
}
