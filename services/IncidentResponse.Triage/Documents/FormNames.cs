namespace IncidentResponse.Triage.Documents;

/// <summary>The forms' names, and which form discharges which legal duty.</summary>
public static class FormNames
{
    public static IReadOnlyDictionary<string, (string Vi, string En)> Names { get; } = new Dictionary<string, (string, string)>
    {
        [DocumentForms.Mau03] = ("Báo cáo ban đầu sự cố mạng (Mẫu 03)", "Initial incident report (form 03)"),
        [DocumentForms.Mau04] = ("Báo cáo kết thúc ứng phó sự cố (Mẫu 04)", "Closing report (form 04)"),
        [DocumentForms.PersonalDataNotice] = ("Thông báo vi phạm quy định về bảo vệ dữ liệu cá nhân", "Personal-data breach notice"),
        [DocumentForms.ProgressReport] = ("Báo cáo diễn biến sự cố", "Incident progress report"),
        [DocumentForms.SupportRequest] = ("Báo cáo đề nghị hỗ trợ, phối hợp ứng cứu sự cố", "Request for support and coordination"),
        [DocumentForms.EvidenceHandover] = ("Biên bản giao nhận chứng cứ sự cố", "Evidence hand-over record"),
        [DocumentForms.Mau05] = ("Báo cáo tổng hợp tình hình sự cố (Mẫu 05)", "Incident summary report (form 05)"),
    };

    /// <summary>The duty kind of the legal initial report (the legal regimes' <c>initial-report</c>), discharged with Mẫu 03.</summary>
    public const string InitialReportDuty = "initial-report";

    /// <summary>Duty kind → the form it is discharged with; a duty not listed may name a document of any form.</summary>
    public static IReadOnlyDictionary<string, string> ForDuty { get; } = new Dictionary<string, string>
    {
        [InitialReportDuty] = DocumentForms.Mau03,
        ["mau-04-closing-report"] = DocumentForms.Mau04,
        ["personal-data-notice"] = DocumentForms.PersonalDataNotice,
    };

    /// <summary>
    /// Form → the legal recipient roles it usually goes to, for the forms no duty asks for (a duty names its own): the
    /// console fills them in for the operator to change. Roles resolve through the directory in force when sent.
    /// </summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> SuggestedRecipients { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [DocumentForms.ProgressReport] = ["steering-committee", "specialised-unit", "national-coordinator"],
        [DocumentForms.SupportRequest] = ["national-coordinator", "steering-committee"],
        [DocumentForms.EvidenceHandover] = ["provincial-police"],
    };
}
