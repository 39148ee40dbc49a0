using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Routing;

/// <summary>What a TLP label lets each channel carry, with the safe default for anything not written down.</summary>
public sealed class DisclosureTests
{
    private static DisclosureFile Policy => ShippedNotificationRules.Rules.DisclosureAt(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    private static Notice Notice(string tlp) => new(
        Guid.NewGuid(), Guid.NewGuid(), "SC-2026-00042", NoticeKind.InitialReport, "DDoS vào Cổng dịch vụ công", "availability:ddos", 4, true, tlp, false,
        "Cổng dịch vụ công", "Văn phòng UBND tỉnh", Array.Empty<LegalDeadline>(), "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bắc Ninh", "lý do", "reason",
        new Uri("http://127.0.0.1:5080/incidents/1"), new Uri("http://127.0.0.1:5080/ack/t"), "ABCD2345", DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("GREEN", "email", true, true)]
    [InlineData("AMBER", "email", true, true)]
    [InlineData("AMBER", "sms", false, false)]
    [InlineData("AMBER+STRICT", "email", true, false)]
    [InlineData("AMBER+STRICT", "sms", false, false)]
    [InlineData("RED", "email", false, false)]
    [InlineData("RED", "webhook", false, false)]
    [InlineData("GREEN", "sms", true, false)]
    public void Each_label_lets_each_channel_carry_what_the_policy_says(string tlp, string channel, bool title, bool system)
    {
        var redacted = Redaction.For(Notice(tlp), channel, Policy);

        Assert.Equal(title, redacted.Title is not null);
        Assert.Equal(system, redacted.AffectedSystem is not null && redacted.OwnerAgency is not null);
        Assert.Equal(!title, redacted.Withheld);
        Assert.Equal("SC-2026-00042", redacted.IncidentNumber);
        Assert.Equal("ABCD2345", redacted.AcknowledgeCode);
    }

    [Fact]
    public void A_persons_words_on_why_a_unit_was_engaged_go_only_where_the_affected_system_goes()
    {
        var notice = Notice("AMBER") with { Assignment = "Máy chủ của Sở Tài chính dùng chung dải địa chỉ" };

        Assert.Equal(notice.Assignment, Redaction.For(notice, "email", Policy).Assignment);
        Assert.Equal("", Redaction.For(notice, "sms", Policy).Assignment);
        Assert.Equal("", Redaction.For(notice with { Tlp = "AMBER+STRICT" }, "email", Policy).Assignment);
        Assert.Equal("", Redaction.For(notice with { Tlp = "RED" }, "email", Policy).Assignment);
        Assert.Null(Redaction.For(Notice("RED"), "email", Policy).Assignment);

        var recipient = new Recipient("VNPT Bắc Ninh", "vi", "Asia/Ho_Chi_Minh");
        Assert.Contains(NoticeContent.Lines(notice, recipient, english: false), l => l.Value == "Máy chủ của Sở Tài chính dùng chung dải địa chỉ");
        var withheld = NoticeContent.Lines(Redaction.For(notice with { Tlp = "RED" }, "email", Policy), recipient, english: false);
        Assert.Contains(withheld, l => l.Value == "Được giữ lại theo quy định TLP; vui lòng xem tại liên kết sự cố.");
        Assert.DoesNotContain(withheld, l => l.Value.Contains("Sở Tài chính", StringComparison.Ordinal));
        Assert.DoesNotContain(NoticeContent.Lines(Notice("AMBER"), recipient, english: false), l => l.Label == "Nội dung phân công");
        Assert.Equal(notice.Assignment, WebhookPayload.From(Redaction.For(notice, "email", Policy)).Assignment);
        Assert.Equal("", WebhookPayload.From(Redaction.For(notice with { Tlp = "RED" }, "webhook", Policy)).Assignment);
        Assert.Null(WebhookPayload.From(Notice("AMBER")).Assignment);
    }

    [Fact]
    public void A_unit_exception_applies_to_that_unit_only()
    {
        var police = Redaction.For(Notice("RED") with { UnitCode = "pa05-bn" }, "email", Policy);
        var telecom = Redaction.For(Notice("RED"), "email", Policy);

        Assert.Equal("DDoS vào Cổng dịch vụ công", police.Title);
        Assert.Null(police.AffectedSystem);
        Assert.Null(telecom.Title);
        Assert.True(telecom.Withheld);
        Assert.Equal(DisclosureLevel.Minimal, Policy.LevelFor("RED", "sms", "pa05-bn"));
    }

    [Fact]
    public void A_channel_or_label_the_policy_does_not_name_gets_the_safe_default()
    {
        Assert.Equal(DisclosureLevel.Minimal, Policy.LevelFor("GREEN", "pager"));
        Assert.Equal(DisclosureLevel.Minimal, Policy.LevelFor("WHITE", "email"));
        Assert.True(Redaction.For(Notice("GREEN"), "pager", Policy).Withheld);
    }
}
