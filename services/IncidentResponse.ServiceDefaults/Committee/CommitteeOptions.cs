namespace IncidentResponse.ServiceDefaults.Committee;

/// <summary>
/// The <c>Committee</c> configuration section: the official name of the committee the system serves, spelled once
/// and shown in the console's header, on error and acknowledgement pages, and as the e-mail sender's name; and its
/// published 24/7 hotline (đường dây nóng), shown on the console's and acknowledgement pages and in e-mail and chat notices.
/// </summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    /// <summary>The official name in Vietnamese (the role given to the provincial committee in its founding decision).</summary>
    public string NameVi { get; set; } = "Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh";

    /// <summary>The name in English.</summary>
    public string NameEn { get; set; } = "Bắc Ninh Provincial Steering Committee for Emergency Response to Network Information Security Incidents";

    /// <summary>At most this many characters in <see cref="Hotline"/>.</summary>
    public const int MaxHotline = 30;

    /// <summary>
    /// The committee's 24/7 hotline as people dial it (e.g. <c>0222 3 822 888</c> or <c>+84 222 3 822 888</c>): one number, its
    /// digits grouped by spaces, dots or hyphens, a leading plus; none shipped (the committee publishes its own): empty, nothing
    /// is shown.
    /// </summary>
    public string? Hotline { get; set; }

    /// <summary>The hotline, or null when none is configured.</summary>
    public string? PublishedHotline => string.IsNullOrWhiteSpace(Hotline) ? null : Hotline.Trim();

    /// <summary>The hotline as a <c>tel:</c> link dials it (its digits, the leading plus kept); null when there is none.</summary>
    public string? HotlineDial => PublishedHotline is { } hotline
        ? (hotline.StartsWith('+') ? "+" : "") + new string(hotline.Where(char.IsAsciiDigit).ToArray())
        : null;

    /// <summary>
    /// Whether <see cref="Hotline"/> is one number a phone can dial (it goes into notices, pages and a <c>tel:</c> link as it
    /// is): at most <see cref="MaxHotline"/> characters, digits grouped by spaces, dots or hyphens, an optional leading plus,
    /// at most 15 digits (E.164's longest number; two Vietnamese numbers have 20). Two numbers, an extension or words beside
    /// it would make the link dial something else.
    /// </summary>
    public bool HotlineIsValid => PublishedHotline is not { } hotline
        || (hotline.Length <= MaxHotline && char.IsAsciiDigit(hotline[^1]) && (hotline[0] == '+' || char.IsAsciiDigit(hotline[0]))
            && hotline.Count(char.IsAsciiDigit) <= 15
            && hotline.Select((c, i) => char.IsAsciiDigit(c) || c is ' ' or '.' or '-' || (c == '+' && i == 0)).All(ok => ok)
            && hotline.Count(char.IsAsciiDigit) >= 3);
}
