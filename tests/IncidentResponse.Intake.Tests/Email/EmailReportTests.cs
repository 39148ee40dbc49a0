using System.Text;
using IncidentResponse.Intake.Email;
using MimeKit;

namespace IncidentResponse.Intake.Tests.Email;

/// <summary>An e-mail becomes a report through the API's validation, and is never refused.</summary>
public sealed class EmailReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(7));
    private static readonly EmailIntakeOptions Options = new() { Host = "imap.example.invalid", UserName = "intake" };

    private static MimeMessage Message(string subject, string text, string from = "nguoibao@example.invalid")
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = text } };
        message.From.Add(new MailboxAddress("Người báo", from));
        return message;
    }

    [Fact]
    public void The_sender_subject_and_text_become_reporter_title_and_description()
    {
        var report = EmailReport.Build(Message("Trang web bị thay đổi", "Trang chủ có nội dung lạ."), Options, Now);
        Assert.Equal("Trang web bị thay đổi", report.Title);
        Assert.StartsWith("Trang chủ có nội dung lạ.", report.Description, StringComparison.Ordinal);
        Assert.Equal("nguoibao@example.invalid", report.Reporter!.Email);
        Assert.Equal("Người báo", report.Reporter.Name);
        Assert.Equal("other:undetermined", report.Classification);
        Assert.Equal("AMBER", report.Tlp);
        Assert.True(report.DetectedAtAssumed);
        Assert.False(report.IsLegalInitialReport);
    }

    [Theory]
    [InlineData("Re: [TLP:AMBER] Xác nhận đã nhận báo cáo / Report received: SC-2026-00042 — DDoS vào Cổng", "SC-2026-00042")]
    [InlineData("Báo cáo diễn biến sự cố SC-2026-00042 (lần 2)", "SC-2026-00042")]
    [InlineData("TRẢ LỜI: [TLP:GREEN] IR-2027-000123 Mức Cao", "IR-2027-000123")]
    [InlineData("Báo cáo ngày 2026-11-25 về cổng 2026-00042", null)]
    [InlineData("Mã XSC-2026-00042X không phải số sự cố", null)]
    [InlineData("Vá CVE-2025-12345 cho hệ thống của SC-2026-00042", "SC-2026-00042")] // a CVE id is no incident number
    [InlineData("EUVD-2025-12345, cnvd-2025-12345: SC-2026-00042", "SC-2026-00042")] // nor other advisories' ids
    [InlineData("re: sc-2026-00042 đã xử lý xong", "SC-2026-00042")] // as issued: upper case
    public void A_subject_quoting_an_incident_number_files_a_follow_up_of_that_incident(string subject, string? number)
    {
        var report = EmailReport.Build(Message(subject, "Đã lọc lưu lượng tại nhà mạng."), Options, Now);

        Assert.Equal(number, report.IncidentNumber);
    }

    [Fact]
    public void A_TBSC_subject_is_the_legal_initial_report_and_its_form_lines_fill_the_fields()
    {
        var report = EmailReport.Build(Message("[TBSC] Tấn công DDoS", """
            Ten he thong: Cong dich vu cong
            CẤP ĐỘ: 3
            Địa chỉ IP: 203.0.113.10; 203.0.113.11
            Thời điểm phát hiện: 2026-11-25T08:15:00+07:00
            Phân loại: availability:ddos
            """), Options, Now);
        Assert.True(report.IsLegalInitialReport);
        Assert.Equal("availability:ddos", report.Classification);
        Assert.Equal("Cong dich vu cong", report.AffectedSystem!.Name);
        Assert.Equal(3, report.AffectedSystem.SecurityLevel);
        Assert.Equal(["203.0.113.10", "203.0.113.11"], report.AffectedSystem.Ips);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 15, 0, TimeSpan.FromHours(7)), report.DetectedAt);
    }

    [Fact]
    public void A_TBSC_form_gives_its_status_detection_notified_contact_and_the_facts_of_the_legal_tests()
    {
        var report = EmailReport.Build(Message("[TBSC] Mã độc mã hóa máy chủ tệp", """
            BÁO CÁO BAN ĐẦU SỰ CỐ MẠNG
            Người báo cáo: Trần Thị B
            Địa chỉ: 10 Lý Thái Tổ, Bắc Ninh
            Người liên hệ: Lê Văn C
            Chức vụ: Trưởng phòng CNTT
            Điện thoại người liên hệ: 0912345678
            Email người liên hệ: c@example.invalid
            Tên hệ thống: Máy chủ tệp Sở Y tế
            Hệ điều hành: Windows Server 2019
            Dịch vụ: chia sẻ tệp, cơ sở dữ liệu
            Mục đích sử dụng: Lưu hồ sơ bệnh án
            Hiện trạng: Chưa được xử lý
            Cách thức phát hiện: Được thông báo bởi người dùng
            Đã thông báo cho: VNPT Bắc Ninh; Công an tỉnh
            Gián đoạn dịch vụ: Có
            Có khả năng tự xử lý: Không
            Dữ liệu cá nhân: Có
            An ninh quốc gia, trật tự an toàn xã hội: Không
            Có khả năng lộ bí mật nhà nước: Có
            Có khả năng lan rộng: Không
            Biện pháp an toàn thông tin đã triển khai: Tường lửa, phần mềm diệt virus
            Kiến nghị: Đề nghị hỗ trợ phân tích mã độc
            """), Options, Now);

        Assert.Equal("not-handled", report.CurrentStatus);
        Assert.Equal("notified", report.DetectionMethod);
        Assert.Equal(["VNPT Bắc Ninh", "Công an tỉnh"], report.AlreadyNotified);
        Assert.Equal(("Trần Thị B", "10 Lý Thái Tổ, Bắc Ninh"), (report.Reporter!.Name, report.Reporter.Address));
        Assert.Equal(("Lê Văn C", "Trưởng phòng CNTT", "0912345678", "c@example.invalid"),
            (report.Contact!.Name, report.Contact.Position, report.Contact.Phone, report.Contact.Email));
        Assert.Equal(("Windows Server 2019", "Lưu hồ sơ bệnh án"), (report.AffectedSystem!.OperatingSystem, report.AffectedSystem.Purpose));
        Assert.Equal(["chia sẻ tệp", "cơ sở dữ liệu"], report.AffectedSystem.Services);
        Assert.True(report.Impact.ServiceInterrupted);
        Assert.False(report.Impact.OwnerCanHandle);
        Assert.True(report.Impact.PersonalData);
        Assert.False(report.Impact.NationalSecurityOrPublicOrder);
        Assert.Equal((true, false), (report.Impact.StateSecrets, report.Impact.MaySpread));
        Assert.Equal(["Tường lửa", "phần mềm diệt virus"], report.MeasuresInPlace);
        Assert.Equal("Đề nghị hỗ trợ phân tích mã độc", report.Recommendations);
    }

    [Theory]
    [InlineData("Có khả năng lộ bí mật nhà nước: Có", "Có khả năng lan rộng sang hệ thống cấp độ 4, 5 khác: Có")]
    [InlineData("State secrets may have been disclosed: yes", "Likely to spread to other level 4–5 systems: yes")]
    [InlineData("Bi mat nha nuoc: Co", "Co kha nang lan rong: Co")]
    [InlineData("Có khả năng lộ bí mật nhà nước: Có", "Có khả năng lan rộng sang các hệ thống cấp độ 4, cấp độ 5 khác: Có")] // 62 characters
    public void The_serious_test_s_stated_facts_are_read_in_the_console_s_words_too(string secrets, string spread)
    {
        var report = EmailReport.Build(Message("[TBSC] Lộ tài liệu", $"""
            Tên hệ thống: Máy chủ văn thư
            {secrets}
            {spread}
            """), Options, Now);

        Assert.Equal((true, true), (report.Impact.StateSecrets, report.Impact.MaySpread));
    }

    [Theory]
    [InlineData("Hiện trạng: Đã được xử lý", "handled")]
    [InlineData("Hien trang: Da xu ly", "handled")]
    [InlineData("Tình trạng hiện tại: Chưa xử lý", "not-handled")]
    [InlineData("Hiện trạng: [ ] Đã được xử lý [x] Chưa được xử lý", "not-handled")]
    [InlineData("Hiện trạng: ☒ Đã được xử lý ☐ Chưa được xử lý", "handled")]
    [InlineData("Status: not handled", "not-handled")]
    [InlineData("Hiện trạng: đang xem xét", null)]
    public void The_status_line_is_read_as_handled_or_not(string line, string? status)
    {
        Assert.Equal(status, EmailReport.Build(Message("[TBSC] Sự cố", line), Options, Now).CurrentStatus);
    }

    [Theory]
    [InlineData("Có khả năng tự xử lý: Có", true)]
    [InlineData("Tự xử lý được: không", false)]
    [InlineData("Vượt khả năng xử lý: Có", false)]
    [InlineData("Owner can handle: yes", true)]
    [InlineData("Có khả năng tự xử lý: chưa rõ", null)]
    public void The_owner_capacity_line_is_read_or_left_unknown(string line, bool? canHandle)
    {
        Assert.Equal(canHandle, EmailReport.Build(Message("[TBSC] Sự cố", line), Options, Now).Impact.OwnerCanHandle);
    }

    [Theory]
    [InlineData("Cách thức phát hiện: Hệ thống phát hiện xâm nhập (IDS)", "ids")]
    [InlineData("Cách thức phát hiện: Nhật ký hệ thống", "logs")]
    [InlineData("Cách phát hiện: giám sát", "monitoring")]
    [InlineData("Cách thức phát hiện: người dân phản ánh qua đường dây nóng", "other")]
    [InlineData("Mô tả: không có dòng cách thức", "notified")]
    public void The_detection_line_chooses_the_method_and_an_e_mail_without_it_was_notified(string line, string method)
    {
        Assert.Equal(method, EmailReport.Build(Message("[TBSC] Sự cố", line), Options, Now).DetectionMethod);
    }

    [Theory]
    [InlineData("[DIỄN TẬP] Tấn công DDoS", true)]
    [InlineData("Re: [DIỄN TẬP / EXERCISE] [TLP:AMBER] SC-2026-00042", true)]
    [InlineData("[drill] website defaced", true)]
    [InlineData("Kế hoạch diễn tập năm 2026", false)]
    [InlineData("Trang web bị thay đổi", false)]
    public void A_subject_marked_as_a_drill_files_a_drill(string subject, bool drill)
    {
        Assert.Equal(drill, EmailReport.Build(Message(subject, "Nội dung."), Options, Now).Drill);
    }

    [Fact]
    public void Form_lines_that_do_not_validate_are_dropped_and_the_report_is_still_filed()
    {
        var report = EmailReport.Build(Message("[TBSC] Sự cố", "Cấp độ: 9\nĐịa chỉ IP: không rõ\nPhân loại: bad\nThời điểm phát hiện: hôm qua"), Options, Now);
        Assert.True(report.IsLegalInitialReport);
        Assert.Null(report.AffectedSystem);
        Assert.Equal("other:undetermined", report.Classification);
        Assert.True(report.DetectedAtAssumed);
    }

    [Fact]
    public void An_empty_long_or_oddly_addressed_message_is_still_a_report()
    {
        var message = Message(new string('x', 400), "", from: "not-an-address");
        var report = EmailReport.Build(message, Options, Now);
        Assert.Equal(300, report.Title.Length);
        Assert.Contains("empty message", report.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Form_labels_are_matched_without_case_or_diacritics()
    {
        var form = InitialReportForm.Read("- Tên miền: a.example.invalid, b.example.invalid\n* ĐIỆN THOẠI: 0912345678\nKhác: bỏ qua\n");
        Assert.Equal("a.example.invalid, b.example.invalid", form["domains"]);
        Assert.Equal("0912345678", form["phone"]);
        Assert.Equal(2, form.Count);
        Assert.Equal("2026-11-25T09:30:00+07:00", InitialReportForm.DetectedAt("25/11/2026 09:30"));
        Assert.Equal("hôm qua", InitialReportForm.DetectedAt(" hôm qua "));
    }

    [Fact]
    public void Attachments_are_kept_up_to_the_limit_and_listed_beyond_it()
    {
        var body = new BodyBuilder { TextBody = "xem tệp" };
        body.Attachments.Add("small.log", Encoding.UTF8.GetBytes("abc"));
        body.Attachments.Add("../../etc/big.bin", new byte[2048]);
        var message = new MimeMessage { Subject = "tệp", Body = body.ToMessageBody() };

        var files = EmailAttachments.Read(message, maxBytes: 1024, CancellationToken.None);
        Assert.Equal(["small.log", "big.bin"], files.Select(f => f.FileName));
        Assert.Equal("abc"u8.ToArray(), files[0].Content);
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", files[0].Sha256);
        Assert.Null(files[1].Content);
        Assert.Equal(2048, files[1].Size);
        Assert.Equal([1, 2], files.Select(f => f.Position));
    }
}
