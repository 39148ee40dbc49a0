using System.Globalization;

namespace IncidentResponse.Notifications.Disclosure;

/// <summary>How much of an incident a channel may carry under a TLP label.</summary>
public enum DisclosureLevel
{
    Minimal,
    Summary,
    Full,
}

/// <summary>One version of <c>tlp-disclosure-*.yaml</c>: label → channel → level, with a safe default.</summary>
public sealed class DisclosureFile
{
    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public string Default { get; set; } = "minimal";

    public Dictionary<string, Dictionary<string, string>> Labels { get; set; } = [];

    public DateTimeOffset EffectiveFromTime =>
        DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MaxValue;

    public DisclosureLevel LevelFor(string tlp, string channel) =>
        Labels.TryGetValue(tlp, out var channels) && channels.TryGetValue(channel, out var level) ? Parse(level) : Parse(Default);

    public void Validate()
    {
        var bad = Labels.SelectMany(l => l.Value.Values).Append(Default).Where(v => !Enum.TryParse<DisclosureLevel>(v, ignoreCase: true, out _)).ToList();
        var labels = Labels.Keys.Where(l => Contracts.Vocabulary.Tlp.Normalize(l) != l).ToList();
        if (string.IsNullOrWhiteSpace(Version) || bad.Count > 0 || labels.Count > 0)
        {
            throw new InvalidDataException($"tlp-disclosure {Version}: levels must be full, summary or minimal ({string.Join(", ", bad)}); labels must be TLP 2.0 ({string.Join(", ", labels)})");
        }
    }

    private static DisclosureLevel Parse(string level) => Enum.Parse<DisclosureLevel>(level, ignoreCase: true);
}
