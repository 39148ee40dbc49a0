namespace IncidentResponse.ServiceDefaults.Committee;

/// <summary>
/// The <c>Committee</c> configuration section: the official name of the committee the system serves, spelled once
/// and shown in the console's header, on error and acknowledgement pages, and as the e-mail sender's name.
/// </summary>
public sealed class CommitteeOptions
{
    public const string Section = "Committee";

    /// <summary>The official name in Vietnamese (the role given to the provincial committee in its founding decision).</summary>
    public string NameVi { get; set; } = "Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh";

    /// <summary>The name in English.</summary>
    public string NameEn { get; set; } = "Bắc Ninh Provincial Steering Committee for Emergency Response to Network Information Security Incidents";
}
