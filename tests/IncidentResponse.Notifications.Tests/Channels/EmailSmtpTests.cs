using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Disclosure;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.Hosting;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>The e-mail channel against a real SMTP server: content, reused sessions (as many as allowed when tries overlap), 4xx retried, 5xx not.</summary>
public sealed class EmailSmtpTests
{
    private static IHost HostFor(SmtpTestServer smtp, int connections = 4)
    {
        var settings = ChannelHost.FastRetries("email");
        settings["Notifications:Email:Connections"] = connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Email:Mode"] = "Smtp";
        settings["Notifications:Email:Host"] = SmtpTestServer.Host;
        settings["Notifications:Email:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Email:Security"] = "None";
        return ChannelHost.Build(settings);
    }

    [Fact]
    public async Task An_initial_report_arrives_as_UTF8_text_and_HTML_with_banner_links_English_section_and_a_stable_Message_Id()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp);
        var notice = Notices.Sample();

        var result = await host.Channel("email").SendAsync(notice, Notices.Vietnamese, new Destination("email", "an.nguyen@stttt.example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal(AttemptOutcome.Delivered, result.Outcome);
        Assert.Equal("250 2.0.0 Ok: queued as TEST", result.ProviderResponse);
        var mail = Assert.Single(smtp.Received);
        Assert.Equal("[TBSC] [TLP:AMBER] SC-2026-00042 Mức Cao: DDoS vào Cổng dịch vụ công", mail.Subject);
        Assert.Contains("Cổng dịch vụ công", mail.Subject, StringComparison.Ordinal);
        Assert.Equal($"{notice.NotificationId:N}@incidentresponse", mail.MessageId);
        Assert.Equal(notice.NotificationId.ToString("D"), mail.Headers["X-IR-Notification-Id"]);
        Assert.Equal("SC-2026-00042", mail.Headers["X-IR-Incident"]);
        Assert.Equal("an.nguyen@stttt.example.invalid", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("Ban Chỉ đạo ứng cứu khẩn cấp sự cố an toàn thông tin mạng tỉnh Bắc Ninh", Assert.Single(mail.From.Mailboxes).Name);

        var alternative = Assert.IsType<MultipartAlternative>(mail.Body);
        var parts = alternative.OfType<TextPart>().ToList();
        Assert.Equal(["text/plain", "text/html"], parts.Select(p => p.ContentType.MimeType));
        Assert.All(parts, p => Assert.Equal("utf-8", p.ContentType.Charset, ignoreCase: true));

        var text = mail.TextBody!;
        Assert.StartsWith("TLP:AMBER — ", text, StringComparison.Ordinal);
        Assert.Contains("DDoS vào Cổng dịch vụ công", text, StringComparison.Ordinal);
        Assert.Contains("SỰ CỐ NGHIÊM TRỌNG", text, StringComparison.Ordinal);
        Assert.Contains("Mức độ: Cao", text, StringComparison.Ordinal);
        Assert.Contains("Hệ thống bị ảnh hưởng: Cổng dịch vụ công trực tuyến tỉnh", text, StringComparison.Ordinal);
        Assert.Contains("Báo cáo ban đầu: 26/11/2026 09:30 (UTC+07:00)", text, StringComparison.Ordinal);
        Assert.Contains($"Xem sự cố: {Notices.IncidentLink}", text, StringComparison.Ordinal);
        Assert.Contains($"Xác nhận đã nhận: {Notices.AckLink}  Mã: {Notices.AckCode}", text, StringComparison.Ordinal);
        Assert.Contains("INITIAL REPORT OF A SERIOUS INCIDENT", text, StringComparison.Ordinal);
        Assert.Contains($"Acknowledge receipt: {Notices.AckLink}  Code: {Notices.AckCode}", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("BÁO CÁO BAN ĐẦU", StringComparison.Ordinal) < text.IndexOf("INITIAL REPORT", StringComparison.Ordinal), "Vietnamese comes first");

        var html = mail.HtmlBody!;
        Assert.Contains("TLP:AMBER", html, StringComparison.Ordinal);
        Assert.Contains("color:#FFC000", html, StringComparison.Ordinal);
        Assert.Contains("DDoS vào Cổng dịch vụ công", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Notices.IncidentLink}\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Notices.AckLink}\"", html, StringComparison.Ordinal);
        Assert.Contains(Notices.AckCode, html, StringComparison.Ordinal);
        Assert.Contains("lang=\"en\"", html, StringComparison.Ordinal);
        Assert.Contains("Acknowledge receipt", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_says_how_the_report_came_in_in_both_languages_but_not_when_details_are_withheld()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp);
        var notice = Notices.Sample() with { ReportedVia = "alertmanager" };
        var to = new Destination("email", "an.nguyen@stttt.example.invalid");

        await host.Channel("email").SendAsync(notice, Notices.Vietnamese, to, TestContext.Current.CancellationToken);
        await host.Channel("email").SendAsync(Redaction.At(notice, DisclosureLevel.Minimal), Notices.Vietnamese, to, TestContext.Current.CancellationToken);

        var told = smtp.Received[0].TextBody!;
        Assert.Contains("Tiếp nhận qua: cảnh báo tự động từ Prometheus Alertmanager", told, StringComparison.Ordinal);
        Assert.Contains("Reported via: an automatic alert from Prometheus Alertmanager", told, StringComparison.Ordinal);
        Assert.Contains("Tiếp nhận qua", smtp.Received[0].HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("Tiếp nhận qua", smtp.Received[1].TextBody!, StringComparison.Ordinal);
        Assert.Equal("alertmanager", JsonDocument.Parse(WebhookPayload.From(notice).ToUtf8Bytes()).RootElement.GetProperty("incident").GetProperty("reportedVia").GetString());
    }

    [Fact]
    public async Task Three_messages_share_one_SMTP_session()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp);
        var email = host.Channel("email");

        for (var i = 0; i < 3; i++)
        {
            var result = await email.SendAsync(Notices.Sample(NoticeKind.Engaged), Notices.Vietnamese, new Destination("email", $"unit{i}@example.invalid"), TestContext.Current.CancellationToken);
            Assert.Equal(AttemptOutcome.Delivered, result.Outcome);
        }

        Assert.Equal(3, smtp.Received.Count);
        Assert.Equal(1, smtp.Sessions);
    }

    [Fact]
    public async Task Eight_messages_at_once_use_the_two_sessions_allowed_and_the_next_ones_reuse_them()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp, connections: 2);
        var email = host.Channel("email");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            email.SendAsync(Notices.Sample(NoticeKind.Engaged), Notices.Vietnamese, new Destination("email", $"unit{i}@example.invalid"), TestContext.Current.CancellationToken)));
        for (var i = 0; i < 3; i++)
        {
            await email.SendAsync(Notices.Sample(NoticeKind.Engaged), Notices.Vietnamese, new Destination("email", $"later{i}@example.invalid"), TestContext.Current.CancellationToken);
        }

        Assert.All(results, r => Assert.Equal(AttemptOutcome.Delivered, r.Outcome));
        Assert.Equal(11, smtp.Received.Count);
        Assert.Equal(2, smtp.Sessions); // one before: every try waited for the one session
    }

    [Fact]
    public async Task A_451_reply_is_retried_and_the_second_try_delivers()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp);
        smtp.FailNext(1);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.Delivered], report.Attempts.Select(a => a.Outcome));
        Assert.StartsWith("451", report.Attempts[0].ProviderResponse, StringComparison.Ordinal);
        Assert.True(report.Delivered);
        Assert.Single(smtp.Received);
        Assert.All(report.Attempts, a => Assert.Equal("email", a.Channel));
    }

    [Fact]
    public async Task A_rejected_recipient_is_a_permanent_failure_and_is_not_retried()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = HostFor(smtp);
        smtp.Reject("gone@example.invalid");

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "gone@example.invalid"), TestContext.Current.CancellationToken);

        var attempt = Assert.Single(report.Attempts);
        Assert.Equal(AttemptOutcome.PermanentFailure, attempt.Outcome);
        Assert.StartsWith("550", attempt.ProviderResponse, StringComparison.Ordinal);
        Assert.False(report.Delivered);
        Assert.Empty(smtp.Received);
    }

    [Fact]
    public async Task A_relay_that_is_down_is_a_transient_failure()
    {
        using var host = await HostWithRelayDownAsync(maxRetries: 1);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure, AttemptOutcome.TransientFailure], report.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task No_retries_is_one_try()
    {
        // Before, Polly refused a retry strategy of none: every try threw and each notice of the channel stayed unsent.
        using var host = await HostWithRelayDownAsync(maxRetries: 0);

        var report = await host.Sender().SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal([AttemptOutcome.TransientFailure], report.Attempts.Select(a => a.Outcome));
    }

    [Fact]
    public async Task Resilience_settings_the_pipeline_would_refuse_stop_the_start_naming_each()
    {
        var settings = ChannelHost.FastRetries("sms");
        settings["Notifications:Resilience:sms:BreakerMinimumThroughput"] = "1";
        settings["Notifications:Resilience:webhook:Timeout"] = "00:00:00";
        settings["Notifications:Resilience:email:MaxRetries"] = "-1";
        using var host = ChannelHost.Build(settings);

        var refused = await Record.ExceptionAsync(() => host.StartAsync(TestContext.Current.CancellationToken));

        // One channel's refusal is an OptionsValidationException; several come together.
        var failures = refused is AggregateException all ? [.. all.InnerExceptions] : new List<Exception> { Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(refused) };
        Assert.All(failures, f => Assert.IsType<Microsoft.Extensions.Options.OptionsValidationException>(f));
        var messages = string.Join(" ", failures.Select(f => f.Message));
        Assert.Contains("Notifications:Resilience:sms:BreakerMinimumThroughput must be at least 2.", messages, StringComparison.Ordinal);
        Assert.Contains("Notifications:Resilience:webhook:Timeout must be between 10 ms and one day.", messages, StringComparison.Ordinal);
        Assert.Contains("Notifications:Resilience:email:MaxRetries must be 0 or more.", messages, StringComparison.Ordinal);
    }

    /// <summary>The channels sending through a relay that was started and stopped: its port refuses every connection.</summary>
    private static async Task<IHost> HostWithRelayDownAsync(int maxRetries)
    {
        int port;
        await using (var stopped = await SmtpTestServer.StartAsync())
        {
            port = stopped.Port;
        }

        var settings = ChannelHost.FastRetries("email", maxRetries);
        settings["Notifications:Email:Mode"] = "Smtp";
        settings["Notifications:Email:Host"] = "127.0.0.1";
        settings["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Notifications:Email:Security"] = "None";
        return ChannelHost.Build(settings);
    }
}
