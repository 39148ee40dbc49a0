using System.Globalization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Incidents;
using static IncidentResponse.Triage.Documents.DocumentForms;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// The documents of the response itself, beside the legal forms: the progress report (Báo cáo diễn biến sự cố), sent as
/// often as the committee asks while an incident is worked, and the request for support and coordination (Báo cáo đề nghị
/// hỗ trợ, phối hợp ứng cứu sự cố) to the national coordinator or the network's members. Both are filled from stored data —
/// the incident, its report, the units engaged and how far each has gone, the legal duties — and the operator words what
/// only people know (what happened since, the cause, what help is needed). Which field comes from where is in
/// docs/legal-documents.md.
/// </summary>
public static class CoordinationForms
{
    /// <summary>Who a progress report goes to unless worded otherwise: those the initial report went to.</summary>
    public const string ProgressAddressedTo =
        "Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh; Đơn vị chuyên trách ứng cứu sự cố; Cơ quan điều phối quốc gia";

    /// <summary>Who a request for support goes to unless worded otherwise (the recipients <see cref="FormNames.SuggestedRecipients"/> offers).</summary>
    public const string SupportAddressedTo = "Cơ quan điều phối quốc gia về ứng cứu sự cố an toàn thông tin mạng; Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh";

    public const string InitialReportLabel = "Báo cáo ban đầu sự cố";

    public const string DevelopmentsLabel = "Diễn biến chính từ lần báo cáo trước";

    public const string SupportRequestedLabel = "Nội dung đề nghị hỗ trợ, phối hợp";

    public static OfficialDocument ProgressReport(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        var previous = facts.IssuedProgressReport;
        var number = (previous?.Version ?? 0) + 1;
        return new OfficialDocument($"{i.Number}-bao-cao-dien-bien", $"Báo cáo diễn biến sự cố {i.Number}",
        [
            .. Motto(),
            new DocumentLine("BÁO CÁO DIỄN BIẾN SỰ CỐ", LineStyle.Title),
            new DocumentLine(string.Create(CultureInfo.InvariantCulture, $"Số hiệu sự cố: {i.Number} — báo cáo lần {number}"), LineStyle.Centred),
            new DocumentLine(DocumentEditing.AddressedToLine + ProgressAddressedTo, LineStyle.Text),
            new DocumentLine("1. Thông tin sự cố", LineStyle.Section),
            .. Incident(facts),
            new DocumentField(InitialReportLabel, InitialReport(facts)),
            new DocumentField("Báo cáo diễn biến trước", previous is null
                ? "Không có (báo cáo diễn biến đầu tiên)"
                : string.Create(CultureInfo.InvariantCulture, $"Lần {previous.Version}, {Time(previous.IssuedAt, facts.Zone)}")),
            new DocumentLine("2. Diễn biến và kết quả xử lý", LineStyle.Section),
            new DocumentField(StatusLabel, Status(i, facts.Zone)),
            new DocumentField(DevelopmentsLabel, null, Required: true),
            new DocumentField("Nguyên nhân (nếu đã xác định)", null),
            new DocumentField("Phạm vi, mức độ ảnh hưởng", Impact(facts.Impact)),
            new DocumentField("Các biện pháp ứng cứu đã thực hiện", null),
            new DocumentField("Kế hoạch xử lý tiếp theo", null),
            new DocumentLine("3. Lực lượng tham gia ứng cứu", LineStyle.Section),
            .. Units(facts),
            new DocumentLine("4. Nghĩa vụ báo cáo theo quy định", LineStyle.Section),
            .. Duties(facts),
            new DocumentLine("5. Kiến nghị", LineStyle.Section),
            new DocumentField("Kiến nghị, đề xuất hỗ trợ", null),
            new DocumentField("Thời gian báo cáo", Time(facts.IssuedAt, facts.Zone), Required: true),
            new DocumentLine("(*) Thông tin bắt buộc", LineStyle.Text),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nNGƯỜI BÁO CÁO\n(Ký, ghi rõ họ tên)", LineStyle.Note),
        ]);
    }

    public static OfficialDocument SupportRequest(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        var r = facts.Report;
        var contact = r?.Contact;
        var engaged = facts.Units.Where(u => u.Step != Timeline.TimelineKinds.UnitDeclined).Select(u => $"{u.NameVi ?? u.Code} ({u.StepVi.ToLower(Vi)})");
        // The reporter's organisation is often the operator too: named once.
        var requesting = new[] { r?.Reporter?.Organization, facts.System?.Operator }.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.OrdinalIgnoreCase);
        return new OfficialDocument($"{i.Number}-de-nghi-ho-tro", $"Báo cáo đề nghị hỗ trợ, phối hợp ứng cứu sự cố {i.Number}",
        [
            .. Motto(),
            new DocumentLine("BÁO CÁO ĐỀ NGHỊ HỖ TRỢ, PHỐI HỢP ỨNG CỨU SỰ CỐ", LineStyle.Title),
            new DocumentLine($"Số hiệu sự cố: {i.Number}", LineStyle.Centred),
            new DocumentLine(DocumentEditing.AddressedToLine + SupportAddressedTo, LineStyle.Text),
            new DocumentLine("1. Đơn vị đề nghị", LineStyle.Section),
            new DocumentField("Tên đơn vị đề nghị", Join(requesting), Required: true),
            new DocumentField("Người liên hệ", Join([contact?.Name, contact?.Position, contact?.Phone, contact?.Email]), Required: true),
            new DocumentLine("2. Thông tin sự cố", LineStyle.Section),
            .. Incident(facts),
            new DocumentField(StatusLabel, Status(i, facts.Zone)),
            new DocumentField("Mô tả sự cố", r?.Description ?? i.Title, Required: true),
            new DocumentField("Các đơn vị đã được phân công", Join(engaged)),
            new DocumentField("Các biện pháp ứng cứu đã thực hiện", null),
            new DocumentLine("3. Nội dung đề nghị", LineStyle.Section),
            new DocumentField(SupportRequestedLabel, null, Required: true),
            new DocumentField("Nguồn lực đề nghị (chuyên gia, công cụ, thiết bị)", null),
            new DocumentField("Thời gian cần hỗ trợ", null),
            new DocumentField("Thông tin gửi kèm", Attachments(r)),
            new DocumentField("Thời gian đề nghị", Time(facts.IssuedAt, facts.Zone), Required: true),
            new DocumentLine("(*) Thông tin bắt buộc", LineStyle.Text),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nTHỦ TRƯỞNG ĐƠN VỊ\n(Ký, ghi rõ họ tên, đóng dấu)", LineStyle.Note),
        ]);
    }

    private static readonly CultureInfo Vi = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>What both forms say of the incident itself.</summary>
    private static IEnumerable<DocumentBlock> Incident(IncidentFacts facts)
    {
        var i = facts.Incident;
        var system = facts.System;
        return
        [
            new DocumentField("Tên sự cố", i.Title),
            new DocumentField("Loại sự cố", $"{facts.VietnameseType} ({i.Classification})"),
            new DocumentField("Mức độ", $"{(i.Serious ? "Nghiêm trọng" : "Thông thường")} — mức {SeverityLevels.Of(i.SeverityLevel).NameVi}"),
            new DocumentField("Hệ thống bị sự cố", Join([system?.Name, system?.OwnerAgency, Join([.. system?.Domains ?? [], .. system?.Ips ?? []])])),
            new DocumentField("Thời điểm phát hiện", Time(i.DetectedAt, facts.Zone)),
            // The document carries the incident's whole story: its marking travels with the file, not only in the mail's subject.
            new DocumentField("Đề nghị giữ bí mật thông tin sự cố", Confidential(i.Tlp)),
        ];
    }

    public const string StatusLabel = "Giai đoạn xử lý hiện tại";

    public const string HandingPartyLabel = "Bên giao";

    public const string ReceivingPartyLabel = "Bên nhận";

    /// <summary>
    /// Biên bản giao nhận chứng cứ: the incident's evidence register as handed to another body (the Police), each file
    /// with its number, size, SHA-256, collector and holder, and how to check what was received against it.
    /// </summary>
    public static OfficialDocument EvidenceHandover(IncidentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var i = facts.Incident;
        return new OfficialDocument($"{i.Number}-bien-ban-giao-nhan-chung-cu", $"Biên bản giao nhận chứng cứ sự cố {i.Number}",
        [
            .. Motto(),
            new DocumentLine("BIÊN BẢN GIAO NHẬN CHỨNG CỨ SỰ CỐ", LineStyle.Title),
            new DocumentLine($"Số hiệu sự cố: {i.Number}", LineStyle.Centred),
            new DocumentLine("1. Sự cố", LineStyle.Section),
            new DocumentField("Tên sự cố", i.Title),
            new DocumentField("Loại sự cố", $"{facts.VietnameseType} ({i.Classification})"),
            new DocumentField("Thời điểm phát hiện", Time(i.DetectedAt, facts.Zone)),
            new DocumentField("Đề nghị giữ bí mật thông tin sự cố", Confidential(i.Tlp)),
            new DocumentLine("2. Các bên", LineStyle.Section),
            new DocumentLine("Vào thời điểm lập biên bản ghi dưới đây, chúng tôi gồm:", LineStyle.Text),
            new DocumentField(HandingPartyLabel, null, Required: true),
            new DocumentField(ReceivingPartyLabel, null, Required: true),
            new DocumentLine("3. Chứng cứ giao nhận", LineStyle.Section),
            .. EvidenceItems(facts),
            new DocumentField("Cách kiểm tra", "Tính SHA-256 của từng tệp nhận được (ví dụ: sha256sum) và so với mã trong bảng; các mã này cũng được ghi trên dòng thời gian của sự cố, có chuỗi băm kiểm chứng được."),
            new DocumentField("Ghi chú", null),
            new DocumentField("Thời gian lập biên bản", Time(facts.IssuedAt, facts.Zone), Required: true),
            new DocumentLine("Biên bản được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản.", LineStyle.Text),
            new DocumentLine("(*) Thông tin bắt buộc", LineStyle.Text),
            new DocumentLine($"{Place}, {Date(facts.IssuedAt, facts.Zone)}\nĐẠI DIỆN BÊN GIAO\n(Ký, ghi rõ họ tên)", LineStyle.Note),
            new DocumentLine("ĐẠI DIỆN BÊN NHẬN\n(Ký, ghi rõ họ tên)", LineStyle.Note),
        ]);
    }

    private static IEnumerable<DocumentBlock> EvidenceItems(IncidentFacts facts) => facts.Evidence.Count == 0
        ? [new DocumentField("Chứng cứ", "Sổ chứng cứ của sự cố chưa có tệp nào")]
        :
        [
            new DocumentTable(["Số", "Tệp, mô tả", "Kích thước (byte)", "SHA-256", "Người, thời điểm thu thập", "Người giữ"],
                [.. facts.Evidence.Select(e => (IReadOnlyList<string>)
                [
                    // A row never outgrows a page: the description is the register's, whole, and here at most 300 characters.
                    e.Label, $"{e.FileName}: {(e.Description.Length > 300 ? e.Description[..299] + "…" : e.Description)}", e.Size.ToString("N0", Vi), e.Sha256,
                    $"{e.CollectedBy}, {Time(e.CollectedAt, facts.Zone)}", e.Custodian,
                ])],
                [0.9, 2.2, 1.5, 2.2, 1.3, 1.2]),
        ];

    /// <summary>The initial report as the record has it: the issued Mẫu 03, else the duty submitted another way, else whether one is owed.</summary>
    private static string InitialReport(IncidentFacts facts)
    {
        if (facts.IssuedInitialReport is { } mau03)
        {
            return $"Mẫu 03 phiên bản {mau03.Version}, {Date(mau03.IssuedAt, facts.Zone)}";
        }

        return facts.Incident.Deadlines.FirstOrDefault(d => d.Kind == FormNames.InitialReportDuty) switch
        {
            { State: DutyStates.Submitted, SubmittedAt: { } sent } duty =>
                $"Đã gửi lúc {Time(sent, facts.Zone)}{(duty.DocumentVersion is { Length: > 0 } v ? $" ({v})" : "")}",
            { State: DutyStates.Waived } => "Được miễn",
            { } => "Chưa gửi",
            null => "Không thuộc trường hợp phải báo cáo ban đầu ngay",
        };
    }

    private static string Status(Incident incident, TimeZoneInfo zone) => incident.Status == Lifecycle.Closed && incident.ClosedAt is { } closed
        ? $"{Lifecycle.Names[incident.Status].Vi} lúc {Time(closed, zone)}"
        : Lifecycle.Names[incident.Status].Vi;

    private static IEnumerable<DocumentBlock> Units(IncidentFacts facts) => facts.Units.Count == 0
        ? [new DocumentField("Đơn vị được phân công", "Chưa phân công đơn vị nào")]
        :
        [
            new DocumentTable(["STT", "Đơn vị", "Phân công lúc", "Tình trạng", "Từ lúc"],
                [.. facts.Units.Select((u, n) => (IReadOnlyList<string>)[(n + 1).ToString(Vi), u.NameVi ?? u.Code, Time(u.EngagedAt, facts.Zone), u.StepVi, Time(u.StepAt, facts.Zone)])],
                [0.6, 2.6, 1.6, 1.8, 1.6]),
        ];

    private static IEnumerable<DocumentBlock> Duties(IncidentFacts facts)
    {
        var duties = facts.Incident.Deadlines.OrderBy(d => d.DueAt).ToList();
        if (duties.Count == 0)
        {
            return [new DocumentField("Nghĩa vụ", "Không có")];
        }

        return
        [
            new DocumentTable(["STT", "Nghĩa vụ", "Hạn", "Tình trạng"],
                [.. duties.Select((d, n) => (IReadOnlyList<string>)[(n + 1).ToString(Vi), d.NameVi, Time(d.DueAt, facts.Zone), DutyState(d, facts)])],
                [0.6, 3.6, 1.6, 2.2]),
        ];
    }

    private static string DutyState(IncidentDeadline duty, IncidentFacts facts) => Incidents.Duties.StateAt(duty, facts.IssuedAt) switch
    {
        DutyStates.Submitted when duty.SubmittedAt is { } sent => $"{DutyStates.Names[DutyStates.Submitted].Vi} lúc {Time(sent, facts.Zone)}",
        var state => DutyStates.Names[state].Vi,
    };
}
