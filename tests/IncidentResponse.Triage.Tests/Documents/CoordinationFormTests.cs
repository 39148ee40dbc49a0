using IncidentResponse.Contracts.Api.Documents;
using IncidentResponse.Triage.Documents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;

namespace IncidentResponse.Triage.Tests.Documents;

/// <summary>
/// The progress report and the request for support, filled from an incident with units at different steps and duties
/// in different states; and the units' steps as read back from a stored timeline.
/// </summary>
public sealed class CoordinationFormTests
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");
    // In UTC: the forms print them in the committee's zone (10:05 and 16:00 in Hanoi).
    private static readonly DateTimeOffset Detected = new(2026, 11, 25, 3, 5, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Issued = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private static IncidentFacts Facts()
    {
        var incident = DocumentFormTests.RichIncident();
        incident.DetectedAt = Detected;
        incident.Deadlines.Add(Duty(incident, "incident-notice", "Thông báo sự cố — 5 ngày", Detected.AddDays(5)));
        incident.Deadlines.Add(Duty(incident, "personal-data-notice", "Thông báo vi phạm dữ liệu cá nhân cho Bộ Công an (A05) — 72 giờ", Detected.AddHours(72)));
        incident.Deadlines.Add(Duty(incident, "serious-initial-notice", "Thông báo ban đầu sự cố nghiêm trọng — 24 giờ", Detected.AddHours(24)));
        var submitted = Duty(incident, "initial-report", "Báo cáo ban đầu sự cố (Mẫu 03) — ngay lập tức", Detected);
        submitted.State = "submitted";
        submitted.SubmittedAt = Detected.AddHours(1);
        incident.Deadlines.Add(submitted);
        return new IncidentFacts(incident, DocumentFormTests.RichReport(), "Nghe trộm, gián điệp, lấy cắp thông tin, dữ liệu", Zone, Issued)
        {
            IssuedInitialReport = new IssuedVersion(1, Detected.AddHours(1)),
            IssuedProgressReport = new IssuedVersion(2, Issued.AddHours(-5)),
            Units =
            [
                new UnitProgress("vnpt-bn", "VNPT Bắc Ninh", Detected.AddMinutes(4), TimelineKinds.UnitAccepted, Detected.AddMinutes(20)),
                new UnitProgress("pa05-bn", null, Detected.AddMinutes(4), TimelineKinds.UnitEngaged, Detected.AddMinutes(4)),
                new UnitProgress("viettel-bn", "Viettel Bắc Ninh", Detected.AddMinutes(4), TimelineKinds.UnitDeclined, Detected.AddMinutes(9), HandedTo: "bcd-bn"),
            ],
        };
    }

    private static IncidentDeadline Duty(Incident incident, string kind, string name, DateTimeOffset due) => new()
    {
        IncidentId = incident.Id, Kind = kind, DueAt = due, Regime = "vn-2026-07", NameVi = name, NameEn = kind, Basis = "TT 20/2017", Recipients = "national-coordinator",
    };

    [Theory]
    [MemberData(nameof(DocumentFormTests.Formats), MemberType = typeof(DocumentFormTests))]
    public async Task A_progress_report_counts_itself_names_the_last_one_and_lists_each_unit_s_step_and_each_duty_s_state(string format)
    {
        var text = await ReadAsync(CoordinationForms.ProgressReport(Facts()), format);
        string[] expected =
        [
            "BÁO CÁO DIỄN BIẾN SỰ CỐ", "SC-2026-00042 — báo cáo lần 3", CoordinationForms.ProgressAddressedTo,
            "Lộ lọt dữ liệu cá nhân Cổng dịch vụ công", "Nghiêm trọng", "Cổng dịch vụ công tỉnh", "10:05 ngày 25/11/2026",
            "Mẫu 03 phiên bản 1", "Lần 2, 11:00 ngày 27/11/2026",
            "VNPT Bắc Ninh", "Đang xử lý", "10:25 ngày 25/11/2026", "pa05-bn", "Đã phân công, chưa xác nhận nhận thông báo", "Từ chối xử lý, chuyển cho bcd-bn",
            "Giai đoạn xử lý hiện tại", "Có (TLP:AMBER)", "(*) Thông tin bắt buộc",
            "Thông báo sự cố — 5 ngày", "Đang chờ thực hiện", "A05", "Quá hạn", "Đã gửi lúc 11:05 ngày 25/11/2026",
            "có dữ liệu cá nhân bị ảnh hưởng", "Thời gian báo cáo", "16:00 ngày 27/11/2026",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
    }

    [Fact]
    public void The_first_progress_report_says_so_and_what_has_happened_since_is_for_a_person_to_word()
    {
        var facts = Facts() with { IssuedProgressReport = null, IssuedInitialReport = null, Units = [] };
        var document = CoordinationForms.ProgressReport(facts);
        var text = DocumentReading.DocxText(DocxRenderer.Render(document));
        Assert.Contains("báo cáo lần 1", text, StringComparison.Ordinal);
        Assert.Contains("Báo cáo diễn biến trước: Không có (báo cáo diễn biến đầu tiên)", text, StringComparison.Ordinal);
        Assert.Contains("Báo cáo ban đầu sự cố: Đã gửi lúc 11:05 ngày 25/11/2026", text, StringComparison.Ordinal); // the duty, submitted without a Mẫu 03 issued here
        facts.Incident.Deadlines.RemoveAll(d => d.Kind == "initial-report");
        Assert.Contains("Báo cáo ban đầu sự cố: Không thuộc trường hợp phải báo cáo ban đầu ngay",
            DocumentReading.DocxText(DocxRenderer.Render(CoordinationForms.ProgressReport(facts))), StringComparison.Ordinal);
        Assert.Contains("Chưa phân công đơn vị nào", text, StringComparison.Ordinal);
        Assert.Equal([CoordinationForms.DevelopmentsLabel], document.MissingRequired().Select(m => m.Label));

        var worded = DocumentEditing.Apply(document, DocumentForms.ProgressReport, new DocumentEdits
        {
            Developments = "Lưu lượng tấn công giảm từ 40 Gbps xuống 2 Gbps.", Cause = "Botnet Mirai", NextSteps = "Theo dõi 24 giờ", AddressedTo = "Ban Chỉ đạo tỉnh",
        });
        Assert.Empty(worded.MissingRequired());
        var wordedText = DocumentReading.DocxText(DocxRenderer.Render(worded));
        Assert.Contains("Lưu lượng tấn công giảm từ 40 Gbps xuống 2 Gbps.", wordedText, StringComparison.Ordinal);
        Assert.Contains("Nguyên nhân (nếu đã xác định): Botnet Mirai", wordedText, StringComparison.Ordinal);
        Assert.Contains("Kế hoạch xử lý tiếp theo: Theo dõi 24 giờ", wordedText, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Ban Chỉ đạo tỉnh", wordedText, StringComparison.Ordinal);
        Assert.DoesNotContain(CoordinationForms.ProgressAddressedTo, wordedText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(DocumentFormTests.Formats), MemberType = typeof(DocumentFormTests))]
    public async Task A_request_for_support_names_who_asks_and_who_is_already_working_and_leaves_the_request_to_word(string format)
    {
        var document = CoordinationForms.SupportRequest(Facts());
        var text = await ReadAsync(document, format);
        string[] expected =
        [
            "BÁO CÁO ĐỀ NGHỊ HỖ TRỢ, PHỐI HỢP ỨNG CỨU SỰ CỐ", CoordinationForms.SupportAddressedTo, "Trung tâm Phục vụ hành chính công",
            "Trần Thị Bích; Phó Giám đốc; 0987654321; bich@example.invalid", "Phát hiện dữ liệu công dân bị rao bán trên diễn đàn",
            "VNPT Bắc Ninh (đang xử lý)", "pa05-bn (đã phân công, chưa xác nhận nhận thông báo)", "198.51.100.7", "16:00 ngày 27/11/2026",
            "Có (TLP:AMBER)", "(*) Thông tin bắt buộc",
        ];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        Assert.DoesNotContain("Trung tâm Phục vụ hành chính công; Trung tâm Phục vụ hành chính công", text, StringComparison.Ordinal); // reporter and operator alike: once
        Assert.DoesNotContain("Viettel Bắc Ninh", text, StringComparison.Ordinal); // declined: not working on it
        Assert.Equal([CoordinationForms.SupportRequestedLabel], document.MissingRequired().Select(m => m.Label));

        var worded = DocumentEditing.Apply(document, DocumentForms.SupportRequest, new DocumentEdits
        {
            SupportRequested = "Đề nghị hỗ trợ phân tích mẫu mã độc và truy vết nguồn tấn công", Resources = "02 chuyên gia phân tích mã độc", NeededBy = "Trong 24 giờ",
        });
        Assert.Empty(worded.MissingRequired());
        var wordedText = await ReadAsync(worded, format);
        Assert.Contains("Đề nghị hỗ trợ phân tích mẫu mã độc và truy vết nguồn tấn công", wordedText, StringComparison.Ordinal);
        Assert.Contains("02 chuyên gia phân tích mã độc", wordedText, StringComparison.Ordinal);
        Assert.Contains("Trong 24 giờ", wordedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_coordination_form_takes_its_own_fields_only()
    {
        Assert.Empty(DocumentEditing.Check(DocumentForms.ProgressReport, new DocumentEdits { Developments = "x", Cause = "y", Scope = "z", NextSteps = "w", MeasuresTaken = "v" }));
        Assert.Empty(DocumentEditing.Check(DocumentForms.SupportRequest, new DocumentEdits { SupportRequested = "x", RequestingUnit = "y", ContactPerson = "z", Resources = "w", NeededBy = "v" }));
        Assert.Equal(["supportRequested"], DocumentEditing.Check(DocumentForms.ProgressReport, new DocumentEdits { SupportRequested = "x" }).Keys);
        Assert.Equal(["developments"], DocumentEditing.Check(DocumentForms.SupportRequest, new DocumentEdits { Developments = "x" }).Keys);
        Assert.Equal(["developments"], DocumentEditing.Check(DocumentForms.Mau03, new DocumentEdits { Developments = "x" }).Keys);
        Assert.Equal(["neededBy"], DocumentEditing.Check(DocumentForms.SupportRequest, new DocumentEdits { NeededBy = new string('x', DocumentEditing.MaxText + 1) }).Keys);
        var normalised = DocumentEditing.Normalise(new DocumentEdits { Developments = " a\r\nb\t ", SupportRequested = " c " });
        Assert.Equal(("a\nb", "c"), (normalised.Developments, normalised.SupportRequested));
    }

    [Theory]
    [MemberData(nameof(DocumentFormTests.Formats), MemberType = typeof(DocumentFormTests))]
    public async Task An_evidence_hand_over_record_lists_each_file_with_its_hash_and_leaves_the_parties_to_word(string format)
    {
        var sha = new string('a', 60) + "b7e1";
        var facts = Facts() with
        {
            Evidence =
            [
                new Contracts.Api.Evidence.EvidenceView(Guid.NewGuid(), Guid.NewGuid(), 1, "access.log", "text/plain", 1_500_000, sha, "Nhật ký truy cập máy chủ web", "web01",
                    Detected.AddHours(1), "Trần Văn Bình", "Trần Văn Bình", "Nhung", Detected.AddHours(2), 9, []),
            ],
        };
        var document = CoordinationForms.EvidenceHandover(facts);
        var text = await ReadAsync(document, format);
        string[] expected = ["BIÊN BẢN GIAO NHẬN CHỨNG CỨ SỰ CỐ", "SC-2026-00042", "CC-1", "access.log", "Nhật ký truy cập máy chủ web", "1.500.000", "Trần Văn Bình", "11:05", "sha256sum", "Có (TLP:AMBER)"];
        Assert.All(expected, e => Assert.Contains(e, text, StringComparison.Ordinal));
        if (format == "docx")
        {
            Assert.Contains("Trần Văn Bình, 11:05 ngày 25/11/2026", text, StringComparison.Ordinal); // the PDF's narrow cell wraps it among its neighbours' lines
        }
        Assert.Contains(sha, text.Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal); // whole, however the cell wraps it
        Assert.Equal([CoordinationForms.HandingPartyLabel, CoordinationForms.ReceivingPartyLabel], document.MissingRequired().Select(m => m.Label));
        Assert.Contains("ĐẠI DIỆN BÊN GIAO", text, StringComparison.Ordinal);
        Assert.Contains("ĐẠI DIỆN BÊN NHẬN", text, StringComparison.Ordinal);
        Assert.Contains("mỗi bên giữ 01 bản", text, StringComparison.Ordinal);
        Assert.Contains("Sổ chứng cứ của sự cố chưa có tệp nào",
            DocumentReading.DocxText(DocxRenderer.Render(CoordinationForms.EvidenceHandover(Facts()))), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_field_an_operator_may_word_is_on_its_form_once_so_no_edit_is_lost()
    {
        foreach (var (form, fields) in DocumentEditing.Fields)
        {
            var document = DocumentForms.For(form, Facts());
            foreach (var (field, label) in fields.Where(f => f.Value.Length > 0))
            {
                var found = label == DocumentEditing.AddressedToLine
                    ? document.Blocks.OfType<DocumentLine>().Count(l => l.Text.StartsWith(label, StringComparison.Ordinal))
                    : document.Blocks.OfType<DocumentField>().Count(f => f.Label == label);
                Assert.True(found == 1, $"{form}.{field}: \"{label}\" is on the form {found} times");
            }
        }
    }

    [Fact]
    public async Task A_unit_s_step_is_the_furthest_its_latest_engagement_reached_whatever_order_the_entries_came_in()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var stored = await TestIncidents.OpenAsync(() => database.NewContext());
        var t0 = new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
        Guid vnpt = Guid.NewGuid(), old = Guid.NewGuid(), declined = Guid.NewGuid(), again = Guid.NewGuid(), police = Guid.NewGuid();
        await using (var db = database.NewContext())
        {
            var incident = await db.Incidents.FindAsync([stored.Id], TestContext.Current.CancellationToken);
            var system = new Actor("system:notifications", "Notifications", "system");
            void Add(string kind, DateTimeOffset at, object data) => db.Append(incident!, kind, system, at, kind, kind, data);
            Add(TimelineKinds.UnitEngaged, t0, new { engagementId = vnpt, unit = "vnpt-bn", unitName = "VNPT Bắc Ninh" });
            Add(TimelineKinds.UnitEngaged, t0.AddMinutes(1), new { engagementId = declined, unit = "viettel-bn" }); // from before names were recorded
            Add(TimelineKinds.UnitAccepted, t0.AddMinutes(10), new { engagementId = vnpt, unit = "vnpt-bn" });
            Add(TimelineKinds.UnitAcknowledged, t0.AddMinutes(5), new { engagementId = vnpt, unit = "vnpt-bn" }); // redelivered late: must not undo the acceptance
            Add(TimelineKinds.NotificationDelivered, t0.AddMinutes(1), new { engagementId = vnpt, unit = "vnpt-bn" });
            Add(TimelineKinds.UnitDeclined, t0.AddMinutes(3), new { engagementId = declined, unit = "viettel-bn", handedTo = "bcd-bn" });
            Add(TimelineKinds.UnitEngaged, t0.AddMinutes(30), new { engagementId = again, unit = "viettel-bn", unitName = "Viettel Bắc Ninh" }); // handed back
            Add(TimelineKinds.UnitEngaged, t0.AddMinutes(-10), new { engagementId = old, unit = "viettel-bn" }); // an older engagement written last
            Add(TimelineKinds.UnitResolved, t0.AddMinutes(40), new { engagementId = declined, unit = "viettel-bn" }); // the old engagement's: not the new one's
            Add(TimelineKinds.UnitEngaged, t0.AddMinutes(2), new { engagementId = police, unit = "pa05-bn", unitName = "PA05" });
            Add(TimelineKinds.UnitDeclined, t0.AddMinutes(4), new { engagementId = police, unit = "pa05-bn", handedTo = "bcd-bn" });
            Add(TimelineKinds.UnitAcknowledged, t0.AddMinutes(2), new { engagementId = Guid.NewGuid(), unit = "bcd-bn" }); // never engaged: not a unit of the response
            Add(TimelineKinds.UnitAccepted, t0.AddMinutes(6), new { unit = "pa05-bn" }); // no engagement: nothing to credit
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = database.NewContext();
        var units = await UnitProgress.LoadAsync(read, stored.Id, TestContext.Current.CancellationToken);
        Assert.Equal(
            [
                ("vnpt-bn", "VNPT Bắc Ninh", TimelineKinds.UnitAccepted, t0.AddMinutes(10), "Đang xử lý"),
                ("pa05-bn", "PA05", TimelineKinds.UnitDeclined, t0.AddMinutes(4), "Từ chối xử lý, chuyển cho bcd-bn"),
                ("viettel-bn", "Viettel Bắc Ninh", TimelineKinds.UnitEngaged, t0.AddMinutes(30), "Đã phân công, chưa xác nhận nhận thông báo"),
            ],
            units.Select(u => (u.Code, u.NameVi, u.Step, u.StepAt, u.StepVi)));
    }

    private static async Task<string> ReadAsync(OfficialDocument document, string format) =>
        format == "pdf" ? await DocumentReading.PdfTextAsync(PdfRenderer.Render(document)) : DocumentReading.DocxText(DocxRenderer.Render(document));
}
