using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// What an update notice (<see cref="NoticeKind.Update"/>) tells units already engaged: the incident became
/// serious, its severity rose (from, to), its TLP became stricter (from, to) or its classification was corrected (from, to:
/// the playbook the notice links follows it). Of severity and TLP only rises are told; the values are those of the change,
/// while the rest of the notice shows the incident as it is when sent.
/// </summary>
public sealed record NoticeChange(
    bool BecameSerious, int? SeverityFrom, int? SeverityTo, string? TlpFrom, string? TlpTo, string? ClassificationFrom = null, string? ClassificationTo = null)
{
    public bool IsEmpty => !BecameSerious && SeverityTo is null && TlpTo is null && ClassificationTo is null;

    /// <summary>
    /// The rises between two states of the incident, and a changed classification; empty for a decrease or no change. A
    /// classification is compared only when both are known (<paramref name="classificationBefore"/> null: not compared).
    /// </summary>
    public static NoticeChange Between(
        bool seriousBefore, int levelBefore, string tlpBefore, bool seriousNow, int levelNow, string tlpNow,
        string? classificationBefore = null, string? classificationNow = null)
    {
        var before = Tlp.Normalize(tlpBefore);
        var now = Tlp.Normalize(tlpNow);
        var tlpRose = before is not null && now is not null && Tlp.Rank(now) > Tlp.Rank(before);
        var reclassified = classificationBefore is not null && classificationNow is not null
            && !string.Equals(classificationBefore, classificationNow, StringComparison.OrdinalIgnoreCase);
        return new(
            seriousNow && !seriousBefore,
            levelNow > levelBefore ? levelBefore : null,
            levelNow > levelBefore ? levelNow : null,
            tlpRose ? before : null,
            tlpRose ? now : null,
            reclassified ? classificationBefore : null,
            reclassified ? classificationNow : null);
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

        if (ClassificationFrom is { } classFrom && ClassificationTo is { } classTo)
        {
            sentences.Add(english
                ? $"classification changed from {RsitNames.Of(classFrom, true)} to {RsitNames.Of(classTo, true)}: follow the playbook for the new class"
                : $"phân loại đổi từ {RsitNames.Of(classFrom, false)} sang {RsitNames.Of(classTo, false)}: xử lý theo kịch bản của loại mới");
        }

        if (TlpFrom is { } tlpFrom && TlpTo is { } tlpTo)
        {
            sentences.Add(english
                ? $"sharing label raised from TLP:{tlpFrom} to TLP:{tlpTo}"
                : $"mức chia sẻ thông tin nâng từ TLP:{tlpFrom} lên TLP:{tlpTo}");
        }

        return sentences;
    }

    /// <summary>
    /// The sentences as short as an SMS needs them: a class change as the new class only ("loại mới: …"), or, when the TLP
    /// withholds what the incident is (<paramref name="namesAllowed"/> false), only that it was corrected.
    /// </summary>
    public IReadOnlyList<string> Brief(bool english, bool namesAllowed)
    {
        var sentences = (this with { ClassificationFrom = null, ClassificationTo = null }).Sentences(english).ToList();
        if (ClassificationTo is { } to)
        {
            sentences.Add(namesAllowed
                ? (english ? $"new class: {RsitNames.Of(to, true)}" : $"loại mới: {RsitNames.Of(to, false)}")
                : (english ? "classification corrected, see the incident" : "phân loại đã được điều chỉnh, xem sự cố"));
        }

        return sentences;
    }

    /// <summary>"CẬP NHẬT: …; …" in one line, for SMS and webhooks' human text.</summary>
    public string Text(bool english) => (english ? "UPDATE: " : "CẬP NHẬT: ") + string.Join("; ", Sentences(english));
}
