using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>What the message says: language order, time zones, subjects per kind, withheld details, HTML escaping.</summary>
public sealed class EmailMessageTests
{
    private static readonly MailboxAddress From = new("IR", "ir@example.invalid");
    private static readonly MailboxAddress To = new("Unit", "unit@example.invalid");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 2, 1, 0, TimeSpan.Zero);

    [Fact]
    public void An_English_reader_gets_English_first_and_due_times_in_their_own_zone()
    {
        var mail = EmailMessage.Build(Notices.Sample(), Notices.English, To, From, Now);
        Assert.NotNull(mail.HtmlBody);

        Assert.Equal("[TBSC] [TLP:AMBER] SC-2026-00042 Severity High: DDoS vào Cổng dịch vụ công", mail.Subject);
        var text = mail.TextBody!;
        Assert.True(text.IndexOf("INITIAL REPORT", StringComparison.Ordinal) < text.IndexOf("BÁO CÁO BAN ĐẦU", StringComparison.Ordinal), "English comes first");
        Assert.Contains("Initial report: 26/11/2026 02:30 (UTC+00:00)", text, StringComparison.Ordinal);
        Assert.Contains("Bản tiếng Việt", text, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_kinds_have_no_TBSC_prefix()
    {
        var mail = EmailMessage.Build(Notices.Sample(NoticeKind.Escalation, tlp: "GREEN"), Notices.Vietnamese, To, From, Now);

        Assert.Equal("[TLP:GREEN] SC-2026-00042 Mức Cao: DDoS vào Cổng dịch vụ công", mail.Subject);
        Assert.Contains("NHẮC VIỆC", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("color:#33FF00", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_withheld_notice_says_so_and_points_to_the_link()
    {
        var mail = EmailMessage.Build(Notices.Sample(tlp: "RED", title: null, affectedSystem: null, withheld: true), Notices.Vietnamese, To, From, Now);

        Assert.Equal("[TBSC] [TLP:RED] SC-2026-00042 Mức Cao: (nội dung hạn chế theo TLP)", mail.Subject);
        Assert.StartsWith("TLP:RED — Chỉ dành riêng cho người nhận", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("giữ lại theo quy định TLP", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("withheld under TLP", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng dịch vụ công", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(Notices.IncidentLink.ToString(), mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notice_ends_with_the_committee_hotline_in_both_languages_and_says_nothing_of_one_without_it()
    {
        var mail = EmailMessage.Build(Notices.Sample() with { Hotline = "0222 3 822 888" }, Notices.Vietnamese, To, From, Now);

        Assert.Contains("Đường dây nóng 24/7 của Ban Chỉ đạo: 0222 3 822 888", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("The committee's 24/7 hotline: 0222 3 822 888", mail.TextBody, StringComparison.Ordinal);
        Assert.True(mail.TextBody!.IndexOf("Mã:", StringComparison.Ordinal) < mail.TextBody.IndexOf("Đường dây nóng", StringComparison.Ordinal), "after the acknowledgement");
        Assert.Contains("0222 3 822 888", mail.HtmlBody, StringComparison.Ordinal);

        // A chat message too short for every line keeps its essentials and the number.
        var chat = ChatText.Compose(Notices.Sample() with { Hotline = "0222 3 822 888" }, Notices.Vietnamese, 400);
        Assert.EndsWith("Đường dây nóng 24/7 của Ban Chỉ đạo: 0222 3 822 888", chat, StringComparison.Ordinal);
        Assert.Contains(Notices.Sample().AcknowledgeCode, chat, StringComparison.Ordinal);

        var without = EmailMessage.Build(Notices.Sample(), Notices.Vietnamese, To, From, Now);
        Assert.DoesNotContain("Đường dây nóng", without.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("hotline", without.TextBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Markup_in_notice_fields_is_escaped_in_HTML()
    {
        var mail = EmailMessage.Build(Notices.Sample(title: "<script>alert('x')</script> & Co"), Notices.Vietnamese, To, From, Now);

        Assert.DoesNotContain("<script>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; Co", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert('x')</script> & Co", mail.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Cổng dịch vụ công", "Cổng dịch vụ công")]
    [InlineData("a \"b\" <c> & 'd'", "a &quot;b&quot; &lt;c&gt; &amp; &#39;d&#39;")]
    [InlineData("&&", "&amp;&amp;")]
    [InlineData("<", "&lt;")]
    [InlineData("", "")]
    public void Encoding_into_the_body_escapes_as_the_string_form_does(string value, string escaped)
    {
        Assert.Equal(escaped, EmailBody.Encode(value));
        Assert.Equal("[" + escaped + "]", EmailBody.AppendEncoded(new System.Text.StringBuilder("["), value).Append(']').ToString());
    }

    [Fact]
    public void The_bodies_of_a_built_message_are_those_rendered_on_their_own()
    {
        var notice = Notices.Sample(title: "Tấn công <b>DDoS</b> & \"lừa đảo\"");
        var mail = EmailMessage.Build(notice, Notices.English, To, From, Now);

        Assert.Equal(EmailBody.Text(notice, Notices.English), mail.TextBody);
        Assert.Equal(EmailBody.Html(notice, Notices.English, EmailMessage.Subject(notice, Notices.English)), mail.HtmlBody);
    }

    [Fact]
    public void A_body_built_after_a_longer_one_holds_nothing_of_it()
    {
        var longer = EmailBody.Html(Notices.Sample(title: new string('x', 5_000)), Notices.Vietnamese, "first");
        var shorter = Notices.Sample(title: "Ngắn");

        var html = EmailBody.Html(shorter, Notices.Vietnamese, "second");
        var text = EmailBody.Text(shorter, Notices.Vietnamese);

        Assert.Contains(new string('x', 5_000), longer, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", html, StringComparison.Ordinal);
        Assert.DoesNotContain("xxxx", text, StringComparison.Ordinal);
        Assert.DoesNotContain("first", html, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    public void A_body_as_UTF8_is_the_UTF8_of_its_text_even_with_pairs_split_between_chunks(string offset)
    {
        // 12,000 characters of emoji (surrogate pairs): the builder grows in chunks, and one of them ends inside a pair.
        var notice = Notices.Sample(title: offset + string.Concat(Enumerable.Repeat("🚨", 6_000)) + " Tấn công");
        var lines = NoticeLines.Of(notice, Notices.Vietnamese);

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(EmailBody.Text(notice, Notices.Vietnamese, lines)), EmailBody.TextUtf8(notice, Notices.Vietnamese, lines));
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(EmailBody.Html(notice, Notices.Vietnamese, "s", lines)), EmailBody.HtmlUtf8(notice, Notices.Vietnamese, "s", lines));
    }

    [Fact]
    public void A_body_part_from_UTF8_is_written_as_SetText_writes_it()
    {
        const string body = "Kính gửi: Đội ứng cứu sự cố tỉnh\nTLP:AMBER — Hạn chế\n<b>&</b>\n";
        var expected = new TextPart(MimeKit.Text.TextFormat.Html);
        expected.SetText(System.Text.Encoding.UTF8, body);

        var part = EmailMessage.Utf8Part(MimeKit.Text.TextFormat.Html, System.Text.Encoding.UTF8.GetBytes(body));

        Assert.Equal(Written(expected), Written(part));
        Assert.Equal(body, part.Text);
    }

    private static string Written(MimeEntity entity)
    {
        entity.Prepare(EncodingConstraint.SevenBit);
        using var stream = new MemoryStream();
        entity.WriteTo(stream, TestContext.Current.CancellationToken);
        return System.Text.Encoding.ASCII.GetString(stream.ToArray());
    }
}
