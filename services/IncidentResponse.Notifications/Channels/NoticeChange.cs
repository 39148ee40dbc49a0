using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// What an update notice (<see cref="NoticeKind.Update"/>) tells units already engaged: the incident became
/// serious, its severity rose (from, to) or its TLP became stricter (from, to). Only rises are told; the
/// values are those of the change, while the rest of the notice shows the incident as it is when sent.
/// </summary>
public sealed record NoticeChange(bool BecameSerious, int? SeverityFrom, int? SeverityTo, string? TlpFrom, string? TlpTo)
{
    public bool IsEmpty => !BecameSerious && SeverityTo is null && TlpTo is null;

    /// <summary>The rises between two states of the incident; empty for a decrease or no change.</summary>
    public static NoticeChange Between(bool seriousBefore, int levelBefore, string tlpBefore, bool seriousNow, int levelNow, string tlpNow)
    {
        var before = Tlp.Normalize(tlpBefore);
        var now = Tlp.Normalize(tlpNow);
        var tlpRose = before is not null && now is not null && Tlp.Rank(now) > Tlp.Rank(before);
        return new(
            seriousNow && !seriousBefore,
            levelNow > levelBefore ? levelBefore : null,
            levelNow > levelBefore ? levelNow : null,
            tlpRose ? before : null,
            tlpRose ? now : null);
    }

    /// <summary>One sentence per change, in the language: "sự cố đã được xác định là nghiêm trọng", "mức độ tăng từ Cao lên Khẩn cấp", …</summary>
    public IReadOnlyList<string> Sentences(bool english)
    {
        var sentences = new List<string>();
        if (BecameSerious)
        {
            sentences.Add(english ? "the incident has been determined to be serious" : "sự cố đã được xác định là nghiêm trọng");
        }

        if (SeverityFrom is { } from && SeverityTo is { } to)
        {
            sentences.Add(english
                ? $"severity raised from {SeverityLevels.Of(from).NameEn} to {SeverityLevels.Of(to).NameEn} ({to}/5)"
                : $"mức độ tăng từ {SeverityLevels.Of(from).NameVi} lên {SeverityLevels.Of(to).NameVi} ({to}/5)");
        }

        if (TlpFrom is { } tlpFrom && TlpTo is { } tlpTo)
        {
            sentences.Add(english
                ? $"sharing label raised from TLP:{tlpFrom} to TLP:{tlpTo}"
                : $"mức chia sẻ thông tin nâng từ TLP:{tlpFrom} lên TLP:{tlpTo}");
        }

        return sentences;
    }

    /// <summary>"CẬP NHẬT: …; …" in one line, for SMS and webhooks' human text.</summary>
    public string Text(bool english) => (english ? "UPDATE: " : "CẬP NHẬT: ") + string.Join("; ", Sentences(english));
}
