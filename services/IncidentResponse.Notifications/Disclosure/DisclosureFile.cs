using System.Globalization;

namespace IncidentResponse.Notifications.Disclosure;

/// <summary>How much of an incident a channel may carry under a TLP label.</summary>
public enum DisclosureLevel
{
    Minimal,
    Summary,
    Full,
}

/// <summary>
/// One version of <c>tlp-disclosure-*.yaml</c>: label → channel → level, with a safe default, and
/// per-unit exceptions (unit → label → channel → level) that take precedence for that recipient.
/// </summary>
public sealed class DisclosureFile
{
    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public string Default { get; set; } = "minimal";

    public Dictionary<string, Dictionary<string, string>> Labels { get; set; } = [];

    public Dictionary<string, Dictionary<string, Dictionary<string, string>>> Units { get; set; } = [];

    public DateTimeOffset EffectiveFromTime =>
        DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MaxValue;

    public DisclosureLevel LevelFor(string tlp, string channel, string? unit = null) =>
        unit is not null && Units.TryGetValue(unit, out var labels) && Find(labels, tlp, channel) is { } forUnit ? Parse(forUnit)
        : Find(Labels, tlp, channel) is { } level ? Parse(level)
        : Parse(Default);

    /// <summary>
    /// What the partner portal may show the unit: the policy's <c>portal</c> channel where it names one,
    /// otherwise what the unit's e-mail may carry (a signed-in member of the unit reads it, as its mailbox would).
    /// </summary>
    public DisclosureLevel PortalLevelFor(string tlp, string unit) =>
        Units.TryGetValue(unit, out var labels) && Find(labels, tlp, PortalChannel) is { } forUnit ? Parse(forUnit)
        : Find(Labels, tlp, PortalChannel) is { } level ? Parse(level)
        : LevelFor(tlp, "email", unit);

    public const string PortalChannel = "portal";

    private static string? Find(Dictionary<string, Dictionary<string, string>> labels, string tlp, string channel) =>
        labels.TryGetValue(tlp, out var channels) && channels.TryGetValue(channel, out var level) ? level : null;

    public void Validate()
    {
        var all = Units.Values.Prepend(Labels).ToList();
        var bad = all.SelectMany(l => l.Values).SelectMany(c => c.Values).Append(Default).Where(v => !Enum.TryParse<DisclosureLevel>(v, ignoreCase: true, out _)).ToList();
        var labels = all.SelectMany(l => l.Keys).Where(l => Contracts.Vocabulary.Tlp.Normalize(l) != l).ToList();
        if (string.IsNullOrWhiteSpace(Version) || bad.Count > 0 || labels.Count > 0)
        {
            throw new InvalidDataException($"tlp-disclosure {Version}: levels must be full, summary or minimal ({string.Join(", ", bad)}); labels must be TLP 2.0 ({string.Join(", ", labels)})");
        }
    }

    private static DisclosureLevel Parse(string level) => Enum.Parse<DisclosureLevel>(level, ignoreCase: true);
}
