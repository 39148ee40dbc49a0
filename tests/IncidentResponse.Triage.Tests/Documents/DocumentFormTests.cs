using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>Each form, generated for a richly described incident, reads back with every field and its Vietnamese intact.</summary>
public sealed class DocumentFormTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    private static readonly DateTimeOffset Detected = new(2026, 11, 25, 10, 5, 0, TimeSpan.FromHours(7));
    private static readonly DateTimeOffset Issued = new(2026, 11, 25, 11, 30, 0, TimeSpan.FromHours(7));

    public static Incident RichIncident(string status = Lifecycle.New) => new()
    {
        Id = Guid.NewGuid(),
        Number = "SC-2026-00042",
        Title = "Lộ lọt dữ liệu cá nhân Cổng dịch vụ công",
        Classification = "information-content-security:data-leak",
        Status = status,
        Resolution = status == Lifecycle.Closed ? "true-positive-with-impact" : null,
        ClosedAt = status == Lifecycle.Closed ? Issued.AddHours(-1) : null,
        SeverityLevel = 4,
        Serious = true,
        Tlp = "AMBER",
        PersonalData = true,
        DetectedAt = Detected,
        OpenedAt = Detected.AddMinutes(3),
        Fingerprint = "f",
        PolicyVersion = "2026.1",
        Regime = "vn-2017",
        Assessment = "{}",
        AffectedSystem = IncidentJson.Write(System),
    };

    private static readonly AffectedSystem System = new(
        "Cổng dịch vụ công tỉnh", "Văn phòng UBND tỉnh", "Trung tâm Phục vụ hành chính công", 4, "VNPT", "Viettel Cyber Security",
        ["dichvucong.example.invalid"], ["203.0.113.10"], ["web", "cơ sở dữ liệu"], "Ubuntu 22.04", "Cung cấp dịch vụ công trực tuyến");

    public static IncidentReport RichReport() => new(
        "Lộ lọt dữ liệu cá nhân Cổng dịch vụ công",
        "Phát hiện dữ liệu công dân bị rao bán trên diễn đàn",
        "information-content-security:data-leak",
        "AMBER",
        Detected,
        false,
        new Reporter("Nguyễn Văn Anh", "Trung tâm Phục vụ hành chính công", "anh@example.invalid", "0912345678", "Số 1 Lý Thái Tổ, Bắc Ninh"),
        new ContactPerson("Trần Thị Bích", "Phó Giám đốc", "0987654321", "bich@example.invalid"),
        System,
        new ImpactAssessment("high", "privacy", "supplemented", true, false, true),
        [new Observable("ipv4", "198.51.100.7")],
        "not-handled",
        "Phát hiện qua nhật ký hệ thống",
        ["Nhà cung cấp dịch vụ Internet"],
        ["Tường lửa", "Phần mềm phòng chống mã độc"],
        "Đề nghị hỗ trợ điều tra",
        true);

    private static IncidentFacts Facts(Incident incident) =>
        new(incident, RichReport(), VietnameseIncidentTypes.In(ShippedRules.Directory).Of(incident.Classification, incident.Title).Name.Vi, Zone, Issued);

    public static TheoryData<string> Formats => ["pdf", "docx"];

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Mau_03_carries_every_field_of_the_form_with_its_value(string format)
    {
        var text = await ReadAsync(DocumentForms.InitialReport(Facts(RichIncident())), format);
        string[] expected =
        [
            "BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG", "Mẫu 03", "SC-2026-00042", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Họ và tên", "Nguyễn Văn Anh", "Địa chỉ", "Số 1 Lý Thái Tổ, Bắc Ninh", "0912345678", "anh@example.invalid",
            "Chức vụ", "Trần Thị Bích", "Phó Giám đốc", "0987654321", "bich@example.invalid",
            "Đơn vị vận hành", "Trung tâm Phục vụ hành chính công", "Cơ quan chủ quản", "Văn phòng UBND tỉnh",
            "Tên hệ thống thông tin", "Cổng dịch vụ công tỉnh", "dichvucong.example.invalid", "203.0.113.10",
            "Cấp độ an toàn", "Cấp độ 4", "Viettel Cyber Security", "(ISP)", "VNPT",
            "Mô tả sơ bộ về sự cố", "Phát hiện dữ liệu công dân bị rao bán trên diễn đàn",
            "Ngày, giờ phát hiện sự cố", "10:05 ngày 25/11/2026", "Hiện trạng", "Chưa được xử lý",
            "Cách thức phát hiện", "Phát hiện qua nhật ký hệ thống", "Đã thông báo sự cố cho", "Nhà cung cấp dịch vụ Internet",
            "Hệ điều hành", "Ubuntu 22.04", "cơ sở dữ liệu", "Tường lửa", "Phần mềm phòng chống mã độc",
            "Mục đích chính", "Cung cấp dịch vụ công trực tuyến", "Thông tin gửi kèm", "198.51.100.7",
            "Đề nghị giữ bí mật", "Có (TLP:AMBER)", "Kiến nghị", "Đề nghị hỗ trợ điều tra",
            "Thời gian báo cáo", "11:30 ngày 25/11/2026", "Nghiêm trọng", "Nghe trộm, gián điệp, lấy cắp thông tin, dữ liệu",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_system_on_the_national_critical_list_says_so_beside_its_level_in_Mau_03_and_Mau_04()
    {
        var open = RichIncident();
        open.AffectedSystem = IncidentJson.Write(System with { SecurityLevel = 3, NationalCritical = true });
        var closed = RichIncident(Lifecycle.Closed);
        closed.AffectedSystem = IncidentJson.Write(System with { SecurityLevel = null, NationalCritical = true });

        var initial = DocumentReading.DocxText(DocxRenderer.Render(DocumentForms.InitialReport(Facts(open))));
        var closing = DocumentReading.DocxText(DocxRenderer.Render(DocumentForms.ClosingReport(Facts(closed))));
        var plain = DocumentReading.DocxText(DocxRenderer.Render(DocumentForms.InitialReport(Facts(RichIncident()))));

        Assert.Contains("Cấp độ 3, thuộc danh mục hệ thống thông tin quan trọng quốc gia", initial, StringComparison.Ordinal);
        Assert.Contains("Thuộc danh mục hệ thống thông tin quan trọng quốc gia", closing, StringComparison.Ordinal);
        Assert.DoesNotContain("quan trọng quốc gia", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mau_03_shows_a_dash_for_what_the_report_did_not_say_and_the_handled_state_once_closed()
    {
        var incident = RichIncident(Lifecycle.Closed);
        incident.Tlp = "CLEAR";
        var facts = new IncidentFacts(incident, null, "Khác", Zone, Issued);
        var text = DocumentReading.DocxText(DocxRenderer.Render(DocumentForms.InitialReport(facts)));
        Assert.Contains("Họ và tên (*): —", text, StringComparison.Ordinal);
        Assert.Contains("Cách thức phát hiện (*): —", text, StringComparison.Ordinal);
        Assert.Contains("Hiện trạng (*): Đã được xử lý", text, StringComparison.Ordinal);
        Assert.Contains("Đề nghị giữ bí mật thông tin sự cố: Không (TLP:CLEAR)", text, StringComparison.Ordinal);
        var pdf = await DocumentReading.PdfTextAsync(PdfRenderer.Render(DocumentForms.InitialReport(facts)));
        Assert.Contains("Đã được xử lý", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_PDF_embeds_the_whole_DejaVu_font_so_letters_with_two_marks_print_whole()
    {
        // A subset drops the components DejaVu builds Ầ, Ệ, Ố from: the text would still extract but
        // print with a mark missing. The two whole faces compress to about 700 KB; a subset to tens.
        var pdf = PdfRenderer.Render(DocumentForms.InitialReport(Facts(RichIncident())));
        Assert.True(pdf.Length > 500_000, $"{pdf.Length} bytes: the font is subset again");
        var fonts = await DocumentReading.PdfFontsAsync(pdf);
        Assert.Equal(2, fonts.Length);
        Assert.All(fonts, line => Assert.Matches(@"DejaVu Sans(,Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+\w+\s+yes\s", line));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Mau_04_names_the_initial_report_the_system_and_the_result(string format)
    {
        var text = await ReadAsync(DocumentForms.ClosingReport(Facts(RichIncident(Lifecycle.Closed))), format);
        string[] expected =
        [
            "BÁO CÁO KẾT THÚC ỨNG PHÓ SỰ CỐ", "Mẫu 04", "SC-2026-00042", "Số, ngày báo cáo ban đầu sự cố", "ngày 25 tháng 11 năm 2026",
            "Cổng dịch vụ công tỉnh", "Cấp độ 4", "Lộ lọt dữ liệu cá nhân Cổng dịch vụ công", "10:05 ngày 25/11/2026",
            "Kết quả xử lý sự cố", "Sự cố thật, có thiệt hại", "Tài liệu kèm theo", "Nguyễn Văn Anh",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task The_personal_data_notice_is_addressed_to_A05_with_the_72_hour_deadline(string format)
    {
        var text = await ReadAsync(DocumentForms.PersonalDataBreachNotice(Facts(RichIncident())), format);
        string[] expected =
        [
            "THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN", "SC-2026-00042", "A05", "Nghị định 13/2023/NĐ-CP",
            "Hạn thông báo (72 giờ)", "10:05 ngày 28/11/2026", "Phát hiện dữ liệu công dân bị rao bán trên diễn đàn",
            "Trần Thị Bích", "bich@example.invalid", "có dữ liệu cá nhân bị ảnh hưởng", "Tường lửa",
            "Lý do thông báo chậm", "thông báo trong thời hạn", // issued 1 h 25 min after detection
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public void A_personal_data_notice_issued_after_its_72_hours_asks_why_it_is_late_and_carries_the_duty_s_reason_once_given()
    {
        var incident = RichIncident();
        var late = new IncidentFacts(incident, RichReport(), "Khác", Zone, incident.DetectedAt.AddHours(73));
        Assert.Equal(new DocumentField(DocumentForms.LateReasonLabel, null, Required: true), Field(DocumentForms.PersonalDataBreachNotice(late)));

        incident.Deadlines.Add(new IncidentDeadline
        {
            IncidentId = incident.Id, Kind = DocumentForms.PersonalDataNotice, DueAt = incident.DetectedAt.AddHours(72), Regime = "vn-2026-07", NameVi = "A05",
            NameEn = "A05", Basis = "NĐ 13/2023/NĐ-CP Điều 23", Recipients = "a05", LateReason = "Chủ quản xác nhận muộn",
        });
        Assert.Equal("Chủ quản xác nhận muộn", Field(DocumentForms.PersonalDataBreachNotice(late)).Value);

        static DocumentField Field(OfficialDocument document) =>
            document.Blocks.OfType<DocumentField>().Single(f => f.Label == DocumentForms.LateReasonLabel);
    }

    [Fact]
    public void The_impact_is_written_in_the_form_s_words_with_every_legal_fact_stated()
    {
        var impact = new ImpactAssessment("high", "privacy", "not-recoverable", ServiceInterrupted: true, OwnerCanHandle: false, PersonalData: true,
            NationalSecurityOrPublicOrder: true, StateSecrets: true, MaySpread: true);

        var text = DocumentForms.Impact(impact)!;

        Assert.Equal(
            "ảnh hưởng chức năng: " + IncidentResponse.Contracts.Vocabulary.ImpactScales.FunctionalName("high", english: false)
            + "; ảnh hưởng thông tin: " + IncidentResponse.Contracts.Vocabulary.ImpactScales.InformationName("privacy", english: false)
            + "; khả năng khôi phục: Không khôi phục được; dịch vụ bị gián đoạn; có dữ liệu cá nhân bị ảnh hưởng; có khả năng lộ bí mật nhà nước"
            + "; có khả năng lan rộng sang hệ thống cấp độ 4, 5 khác; có thể gây phương hại an ninh quốc gia, trật tự an toàn xã hội", text);
        Assert.DoesNotContain(": high", text, StringComparison.Ordinal);
        Assert.Null(DocumentForms.Impact(new ImpactAssessment(null, null, null, false, null, false, StateSecrets: false, MaySpread: null)));
    }

    [Fact]
    public void Facts_declared_on_the_incident_after_the_report_join_the_impact_of_the_notice_and_the_progress_report()
    {
        var incident = RichIncident();
        incident.NationalSecurityOrPublicOrder = true; // declared by a person after the report, which did not say
        var quiet = RichReport() with { Impact = new ImpactAssessment("high", null, null, null, null, null) };
        var facts = new IncidentFacts(incident, quiet, "Khác", Zone, Issued);

        Assert.Equal("ảnh hưởng chức năng: " + IncidentResponse.Contracts.Vocabulary.ImpactScales.FunctionalName("high", english: false)
            + "; có dữ liệu cá nhân bị ảnh hưởng; có thể gây phương hại an ninh quốc gia, trật tự an toàn xã hội", Field(DocumentForms.PersonalDataBreachNotice(facts), "Mô tả hậu quả, thiệt hại"));
        Assert.Contains("có thể gây phương hại an ninh quốc gia", Field(CoordinationForms.ProgressReport(facts), "Phạm vi, mức độ ảnh hưởng"), StringComparison.Ordinal);

        // With no report at all, the declared facts alone; with nothing declared, the report's impact as it was.
        Assert.Equal("có dữ liệu cá nhân bị ảnh hưởng; có thể gây phương hại an ninh quốc gia, trật tự an toàn xã hội",
            Field(DocumentForms.PersonalDataBreachNotice(facts with { Report = null }), "Mô tả hậu quả, thiệt hại"));
        var undeclared = RichIncident();
        undeclared.PersonalData = false;
        Assert.Same(quiet.Impact, new IncidentFacts(undeclared, quiet, "Khác", Zone, Issued).Impact);

        static string? Field(OfficialDocument document, string label) => document.Blocks.OfType<DocumentField>().Single(f => f.Label == label).Value;
    }

    private static async Task<string> ReadAsync(OfficialDocument document, string format) =>
        format == "pdf" ? await DocumentReading.PdfTextAsync(PdfRenderer.Render(document)) : DocumentReading.DocxText(DocxRenderer.Render(document));
}
