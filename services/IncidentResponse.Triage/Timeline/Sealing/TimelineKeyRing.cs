using System.Security.Cryptography;
using System.Text;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>One key of the ring: its id (derived from the key, so nobody has to name it) and its bytes.</summary>
public sealed record TimelineKey(string Id, byte[] Secret);

/// <summary>
/// The keys that seal the timeline: the current one seals new entries and checkpoints, every one verifies.
/// None of them is ever stored in the database, so a database writer cannot recompute a sealed entry.
/// </summary>
public sealed class TimelineKeyRing
{
    public const int MinimumLength = 32;

    public const string KeyFileName = "timeline.key";

    private readonly Dictionary<string, TimelineKey> _keys = new(StringComparer.Ordinal);

    /// <summary>A ring from secrets (the first is current); each secret is text of at least <see cref="MinimumLength"/> characters.</summary>
    public TimelineKeyRing(string current, IEnumerable<string>? retired = null)
    {
        Current = Add(FromText(current, "Security:TimelineKey"));
        foreach (var old in retired ?? [])
        {
            Add(FromText(old, "Security:TimelineRetiredKeys"));
        }
    }

    private TimelineKeyRing(TimelineKey current, IEnumerable<TimelineKey> others)
    {
        Current = Add(current);
        foreach (var other in others)
        {
            Add(other);
        }
    }

    public TimelineKey Current { get; }

    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    public TimelineKey? Find(string? id) => id is not null && _keys.TryGetValue(id, out var key) ? key : null;

    /// <summary>
    /// The ring as configured. A distributed deployment (PostgreSQL or RabbitMQ) must set
    /// <c>Security:TimelineKey</c>, the same on every Host; the embedded default generates a key file in the
    /// data directory (mode 0600) and keeps it. A key file that exists stays a verification key when a
    /// configured key replaces it.
    /// </summary>
    public static TimelineKeyRing FromConfiguration(IOptions<TimelineKeyOptions> options, IOptions<DatabaseOptions> database, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = options.Value;
        var file = Path.Combine(Path.GetFullPath(database.Value.DataDirectory), KeyFileName);
        var retired = settings.TimelineRetiredKeys.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => FromText(k, "Security:TimelineRetiredKeys")).ToList();
        if (!string.IsNullOrWhiteSpace(settings.TimelineKey))
        {
            if (File.Exists(file))
            {
                retired.Add(FromBytes(KeyFile.Read(file)));
            }

            return new TimelineKeyRing(FromText(settings.TimelineKey, "Security:TimelineKey"), retired);
        }

        var transport = configuration.GetSection(MessagingOptions.Section).Get<MessagingOptions>()?.Transport ?? MessagingTransport.InMemory;
        if (database.Value.Provider == DatabaseProvider.Postgres || transport == MessagingTransport.RabbitMq)
        {
            throw new InvalidOperationException(
                "Security:TimelineKey is not set (env Security__TimelineKey): a distributed deployment needs one timeline key of at least "
                + $"{MinimumLength} characters, the same on every Host, kept outside the database. Khóa dòng thời gian chưa được đặt.");
        }

        return new TimelineKeyRing(FromBytes(KeyFile.ReadOrCreate(file)), retired);
    }

    private TimelineKey Add(TimelineKey key)
    {
        _keys.TryAdd(key.Id, key);
        return key;
    }

    private static TimelineKey FromText(string text, string setting)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length < MinimumLength)
        {
            throw new InvalidOperationException($"{setting} must be at least {MinimumLength} characters");
        }

        return FromBytes(SHA256.HashData(Encoding.UTF8.GetBytes("timeline|" + text.Trim())));
    }

    private static TimelineKey FromBytes(byte[] secret)
    {
        var id = "k" + Convert.ToHexStringLower(HMACSHA256.HashData(secret, "timeline-key-id"u8))[..10];
        return new TimelineKey(id, secret);
    }
}
