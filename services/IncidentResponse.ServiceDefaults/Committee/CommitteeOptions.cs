namespace IncidentResponse.ServiceDefaults.Committee;

/// <summary>
/// The <c>Committee</c> configuration section: the official name of the committee the system serves, spelled once
/// and shown in the console's header, on error and acknowledgement pages, and as the e-mail sender's name; and its
/// published 24/7 hotline (đường dây nóng), shown on the console's pages, the acknowledgement pages and in every notice.
/// </summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    /// <summary>The official name in Vietnamese (the role given to the provincial committee in its founding decision).</summary>
    public string NameVi { get; set; } = "Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh";

    /// <summary>The name in English.</summary>
    public string NameEn { get; set; } = "Bắc Ninh Provincial Steering Committee for Emergency Response to Network Information Security Incidents";

    /// <summary>At most this many characters in <see cref="Hotline"/>.</summary>
    public const int MaxHotline = 60;

    /// <summary>
    /// The committee's 24/7 hotline as people dial it (e.g. <c>0222 3 822 888</c>); none shipped (the committee publishes its
    /// own): empty, nothing is shown.
    /// </summary>
    public string? Hotline { get; set; }

    /// <summary>The hotline, or null when none is configured.</summary>
    public string? PublishedHotline => string.IsNullOrWhiteSpace(Hotline) ? null : Hotline.Trim();

    /// <summary>The hotline as a <c>tel:</c> link dials it (its digits, a leading plus kept); null when there is none or it has no digits.</summary>
    public string? HotlineDial => PublishedHotline is { } hotline
        && new string(hotline.Where((c, i) => char.IsAsciiDigit(c) || (c == '+' && i == 0)).ToArray()) is { Length: > 0 } dial ? dial : null;

    /// <summary>Whether <see cref="Hotline"/> is one short line (it goes into notices and page headers as it is).</summary>
    public bool HotlineIsValid => Hotline is null || (Hotline.Trim().Length <= MaxHotline && !Hotline.Any(char.IsControl));
}
