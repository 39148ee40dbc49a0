using System.Globalization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Web.Console;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>How the pages show severities, TLP labels, times and countdowns, in either language.</summary>
public static class Show
{
    private static readonly TimeZoneInfo Zone = FindZone();

    /// <summary>CSS classes of a severity badge: the scale's colour by level (the text says the level too).</summary>
    public static string SeverityClass(int level) => $"sev sev-{Math.Clamp(level, 0, 5)}";

    public static string SeverityText(int level, bool english)
    {
        var of = SeverityLevels.Of(level);
        return $"{of.Value} · {(english ? of.NameEn : of.NameVi)}";
    }

#pragma warning disable CA1308 // CSS class names are lower-case
    public static string TlpClass(string? tlp) => "tlp tlp-" + (Tlp.Normalize(tlp) ?? Tlp.Red).ToLowerInvariant().Replace("+", "-", StringComparison.Ordinal);
#pragma warning restore CA1308

    /// <summary>What a TLP 2.0 label asks of the reader.</summary>
    public static string TlpMeaning(string? tlp, bool english) => (Tlp.Normalize(tlp) ?? Tlp.Red, english) switch
    {
        (Tlp.Clear, false) => "Không giới hạn phổ biến",
        (Tlp.Clear, true) => "Disclosure is not limited",
        (Tlp.Green, false) => "Chỉ chia sẻ trong cộng đồng, không công bố công khai",
        (Tlp.Green, true) => "Share within the community, not publicly",
        (Tlp.Amber, false) => "Chỉ chia sẻ trong tổ chức và khách hàng của tổ chức, khi cần biết",
        (Tlp.Amber, true) => "Share on a need-to-know basis within the organization and its clients",
        (Tlp.AmberStrict, false) => "Chỉ chia sẻ trong nội bộ tổ chức, khi cần biết",
        (Tlp.AmberStrict, true) => "Share on a need-to-know basis within the organization only",
        (_, false) => "Chỉ dành riêng cho người nhận, không chia sẻ thêm",
        (_, true) => "For the named recipients only, no further disclosure",
    };

    /// <summary>A time as people here read it: Vietnam's time zone, day first.</summary>
    public static string Local(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, Zone).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The instant a day starts in Vietnam's time zone.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day)
    {
        var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(start, Zone.GetUtcOffset(start));
    }

    public static string Local(DateTimeOffset? at) => at is { } value ? Local(value) : "—";

    /// <summary>What the API's problem says, in the reader's language: each field's message, else its detail or title.</summary>
    public static string Problem(ApiProblem? problem, bool english)
    {
        var messages = problem?.Errors?.SelectMany(e => e.Value).Select(m => OneLanguage(m, english)).ToList() ?? [];
        return messages.Count > 0 ? string.Join(" ", messages) : OneLanguage(problem?.Detail ?? problem?.Title, english);
    }

    /// <summary>A time a person typed in a <c>datetime-local</c> field, read in Vietnam's time zone.</summary>
    public static DateTimeOffset AtLocal(DateTime typed)
    {
        var local = DateTime.SpecifyKind(typed, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }

    /// <summary>"1.234.567 byte".</summary>
    public static string Bytes(long size) => size.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")) + " byte";

    /// <summary>The machine-readable instant the page's script counts down to.</summary>
    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>"còn 1 giờ 05 phút" / "in 1 h 05 min", or "quá hạn …" / "overdue …"; the script keeps it current.</summary>
    public static string Countdown(DateTimeOffset due, DateTimeOffset now, bool english)
    {
        var left = due - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? english ? $"{(int)span.TotalDays} d {span.Hours} h" : $"{(int)span.TotalDays} ngày {span.Hours} giờ"
            : span.TotalHours >= 1
                ? english ? $"{(int)span.TotalHours} h {span.Minutes:00} min" : $"{(int)span.TotalHours} giờ {span.Minutes:00} phút"
                : english ? $"{span.Minutes} min {span.Seconds:00} s" : $"{span.Minutes} phút {span.Seconds:00} giây";
        return left < TimeSpan.Zero ? (english ? "overdue " : "quá hạn ") + text : (english ? "in " : "còn ") + text;
    }

    /// <summary>One language of an API message written "tiếng Việt / English".</summary>
    public static string OneLanguage(string? message, bool english)
    {
        if (string.IsNullOrEmpty(message))
        {
            return string.Empty;
        }

        var split = message.IndexOf(" / ", StringComparison.Ordinal);
        return split < 0 ? message : english ? message[(split + 3)..] : message[..split];
    }

    /// <summary>An engagement's state in the reader's language; an unknown one as it is.</summary>
    public static string EngagementState(string state, bool english) =>
        EngagementStates.Names.TryGetValue(state, out var name) ? english ? name.En : name.Vi : state;

    private static TimeZoneInfo FindZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("ICT", TimeSpan.FromHours(7), "ICT", "ICT");
        }
    }
}
