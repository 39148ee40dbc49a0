using System.Text;
using System.Text.Json;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>Partners are told in their words: class, severity and status names, never raw codes; update notices say what rose.</summary>
public sealed class PartnerWordsTests
{
    private static readonly MailboxAddress From = new("IR", "ir@example.invalid");
    private static readonly MailboxAddress To = new("Unit", "unit@example.invalid");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 1, 0, TimeSpan.Zero);

    [Fact]
    public void A_DDoS_notice_reads_the_Vietnamese_class_name_and_no_raw_code()
    {
        var mail = EmailMessage.Build(Notices.Sample(NoticeKind.Engaged) with { Status = IncidentStatuses.Containment }, Notices.Vietnamese, To, From, Now);

        foreach (var body in new[] { mail.TextBody!, mail.HtmlBody! })
        {
            Assert.Contains("Loại sự cố: Tấn công từ chối dịch vụ (DDoS)", body.Replace("</th><td style=\"padding:3px 0\">", ": ", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains("Distributed denial of service (DDoS)", body, StringComparison.Ordinal);
            Assert.Contains("Ngăn chặn", body, StringComparison.Ordinal);
            Assert.DoesNotContain("availability", body, StringComparison.Ordinal);
            Assert.DoesNotContain("containment", body, StringComparison.Ordinal);
        }

        Assert.Contains("Trạng thái xử lý: Ngăn chặn", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Mức độ: Cao (mức 3/5)", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_carries_the_code_for_machines_and_names_in_its_human_text()
    {
        var payload = WebhookPayload.From(Notices.Sample() with { Status = IncidentStatuses.Recovery });
        using var json = JsonDocument.Parse(payload.ToUtf8Bytes());

        Assert.Equal("availability:ddos", json.RootElement.GetProperty("incident").GetProperty("classification").GetString());
        var summary = json.RootElement.GetProperty("summary");
        Assert.Equal("Tấn công từ chối dịch vụ (DDoS) — Mức Cao (3/5) — SỰ CỐ NGHIÊM TRỌNG — trạng thái: Khôi phục", summary.GetProperty("vi").GetString());
        Assert.StartsWith("Distributed denial of service (DDoS) — Severity High", summary.GetProperty("en").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("update").ValueKind);
    }

    [Fact]
    public void Every_RSIT_type_has_a_name_in_both_languages_in_NFC()
    {
        foreach (var (cls, types) in Rsit.Classes)
        {
            foreach (var type in types)
            {
                var (vi, en) = RsitNames.Types[$"{cls}:{type}"];
                Assert.False(string.IsNullOrWhiteSpace(vi) || string.IsNullOrWhiteSpace(en), $"{cls}:{type}");
                Assert.Equal(vi.Normalize(NormalizationForm.FormC), vi);
                Assert.DoesNotContain(":", vi, StringComparison.Ordinal);
            }
        }

        Assert.Equal("Chưa xác định", RsitNames.Of("no-such:thing", english: false));
        Assert.Equal("Xâm nhập", RsitNames.Of("intrusions:no-such-type", english: false));
    }

    [Fact]
    public void An_update_notice_says_what_rose_in_both_languages()
    {
        var change = NoticeChange.Between(seriousBefore: false, levelBefore: 2, tlpBefore: "GREEN", seriousNow: true, levelNow: 3, tlpNow: "AMBER");
        var mail = EmailMessage.Build(Notices.Sample(NoticeKind.Update, tlp: "AMBER") with { Change = change }, Notices.Vietnamese, To, From, Now);

        Assert.Equal("[CẬP NHẬT / UPDATE] [TLP:AMBER] SC-2026-00042 Mức Cao: DDoS vào Cổng dịch vụ công", mail.Subject);
        Assert.Contains("CẬP NHẬT SỰ CỐ", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "Cập nhật: sự cố đã được xác định là nghiêm trọng; mức độ tăng từ Trung bình lên Cao (3/5); mức chia sẻ thông tin nâng từ TLP:GREEN lên TLP:AMBER",
            mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Update: the incident has been determined to be serious; severity raised from Medium to High (3/5)", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, 3, "AMBER", true, 2, "GREEN")]
    [InlineData(false, 3, "AMBER", false, 3, "AMBER")]
    [InlineData(true, 4, "RED", false, 4, "RED")]
    public void A_decrease_or_no_change_is_no_update(bool seriousBefore, int levelBefore, string tlpBefore, bool seriousNow, int levelNow, string tlpNow) =>
        Assert.True(NoticeChange.Between(seriousBefore, levelBefore, tlpBefore, seriousNow, levelNow, tlpNow).IsEmpty);

    [Fact]
    public void An_update_SMS_leads_with_the_change_even_under_TLP_RED()
    {
        var change = NoticeChange.Between(false, 3, "RED", true, 5, "RED");
        var text = SmsText.Compose(Notices.Sample(NoticeKind.Update, tlp: "RED") with { SeverityLevel = 5, Change = change }, Notices.Vietnamese, 300);

        Assert.StartsWith("[CẬP NHẬT] [TLP:RED] SC-2026-00042 Mức Khẩn cấp, SỰ CỐ NGHIÊM TRỌNG. sự cố đã được xác định là nghiêm trọng; mức độ tăng từ Cao lên Khẩn cấp (5/5)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DDoS", text, StringComparison.Ordinal);
    }
    [Theory]
    [InlineData("RED", false)]
    [InlineData("AMBER+STRICT", false)]
    [InlineData("AMBER", true)]
    [InlineData("GREEN", true)]
    public void A_class_update_SMS_names_the_new_class_only_where_the_TLP_shows_what_the_incident_is(string tlp, bool named)
    {
        var change = NoticeChange.Between(false, 3, tlp, false, 3, tlp, "availability:ddos", "malicious-code:infected-system");
        var notice = Notices.Sample(NoticeKind.Update, tlp: tlp) with { Change = change };

        var text = SmsText.Compose(notice, Notices.Vietnamese, 320);

        Assert.DoesNotContain(RsitNames.Of("availability:ddos", english: false), text, StringComparison.Ordinal); // the old class: no room, no need
        Assert.Equal(named, text.Contains("DDoS", StringComparison.Ordinal)); // the title only where the TLP shows it
        Assert.Equal(named, text.Contains("loại mới: ", StringComparison.Ordinal));
        Assert.Equal(!named, text.Contains("phân loại đã được điều chỉnh", StringComparison.Ordinal));
        Assert.Contains(notice.AcknowledgeCode, text, StringComparison.Ordinal);
        Assert.Contains(notice.AcknowledgeLink.ToString(), text, StringComparison.Ordinal); // the change leaves room to acknowledge
    }

    [Theory]
    [InlineData(true, false, "SỰ CỐ NGHIÊM TRỌNG", "SERIOUS INCIDENT", ", SỰ CỐ NGHIÊM TRỌNG")]
    [InlineData(false, true, "Đánh giá theo QĐ 05/2017: Chưa xác định (có thể là sự cố nghiêm trọng)", "Assessment under Decision 05/2017: Undetermined (may be a serious incident)", ", CÓ THỂ LÀ SỰ CỐ NGHIÊM TRỌNG")]
    [InlineData(false, false, "Đánh giá theo QĐ 05/2017: Sự cố thông thường", "Assessment under Decision 05/2017: Ordinary incident", null)]
    public void Every_incident_notice_says_where_it_stands_under_Decision_05(bool serious, bool undetermined, string vi, string en, string? sms)
    {
        var notice = Notices.Sample(NoticeKind.Engaged) with { Serious = serious, SeriousUndetermined = undetermined };

        var mail = EmailMessage.Build(notice, Notices.Vietnamese, new MimeKit.MailboxAddress("Unit", "unit@example.invalid"),
            new MimeKit.MailboxAddress("IR", "ir@example.invalid"), new DateTimeOffset(2026, 11, 26, 2, 1, 0, TimeSpan.Zero));
        var text = mail.TextBody!;
        var smsText = SmsText.Compose(notice, Notices.Vietnamese, 320);

        Assert.Contains(vi, text, StringComparison.Ordinal);
        Assert.Contains(en, text, StringComparison.Ordinal);
        Assert.Equal(undetermined, text.Contains("Chưa xác định", StringComparison.Ordinal));
        var summary = JsonDocument.Parse(WebhookPayload.From(notice).ToUtf8Bytes()).RootElement;
        Assert.Equal(undetermined, summary.GetProperty("incident").GetProperty("seriousUndetermined").GetBoolean());
        Assert.Contains(serious ? "SỰ CỐ NGHIÊM TRỌNG" : vi[(vi.IndexOf(": ", StringComparison.Ordinal) + 2)..], summary.GetProperty("summary").GetProperty("vi").GetString(), StringComparison.Ordinal);
        Assert.Equal(undetermined, VoiceText.Compose(notice, Notices.Vietnamese).Contains("Có thể là sự cố nghiêm trọng.", StringComparison.Ordinal));
        if (sms is null)
        {
            Assert.DoesNotContain("NGHIÊM TRỌNG", smsText, StringComparison.Ordinal); // an ordinary incident's SMS stays short
        }
        else
        {
            Assert.Contains(sms, smsText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_notice_made_from_a_state_that_did_not_say_claims_no_legal_status()
    {
        // A copy kept before the flag was carried: "ordinary" would be a claim nobody made.
        var notice = Notices.Sample(NoticeKind.Escalation) with { Serious = false, SeriousUndetermined = null };

        var text = EmailMessage.Build(notice, Notices.Vietnamese, new MimeKit.MailboxAddress("Unit", "unit@example.invalid"),
            new MimeKit.MailboxAddress("IR", "ir@example.invalid"), new DateTimeOffset(2026, 11, 26, 2, 1, 0, TimeSpan.Zero)).TextBody!;

        Assert.DoesNotContain("Đánh giá theo QĐ 05/2017", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sự cố thông thường", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NGHIÊM TRỌNG", SmsText.Compose(notice, Notices.Vietnamese, 320), StringComparison.Ordinal);
    }
}
