using System.Net;
using System.Text;
using IncidentResponse.Intake.Data;
using IncidentResponse.Intake.Reports;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// E-mail intake from a real IMAP server (Dovecot): each delivered message becomes one report with
/// its sender, text and attachments, "[TBSC]" mail as the legal initial report, and no message is
/// filed twice — not across a restart, and not when the server lost the "processed" mark.
/// </summary>
public sealed class EmailIntakeTests
{
    private const string Keyword = "$IrImported";

    [Fact]
    public async Task Mail_becomes_reports_exactly_once_across_a_restart_of_the_host()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        var deployment = new EmbeddedDeployment(data.Path);
        var sample = Encoding.UTF8.GetBytes("GET /admin.php?cmd=whoami 200\n");

        await dovecot.DeliverAsync(Plain("<m1@reporter.example.invalid>", "Trang web Sở bị thay đổi giao diện",
            "Trang chủ hiển thị nội dung lạ từ 8 giờ sáng.", ("access.log", sample)));
        await dovecot.DeliverAsync(Plain("<m2@reporter.example.invalid>", "[TBSC] Tấn công DDoS Cổng dịch vụ công",
            """
            Kính gửi Ban Chỉ đạo,
            Tên hệ thống: Cổng dịch vụ công tỉnh
            Cơ quan chủ quản: Văn phòng UBND tỉnh
            Cấp độ: 4
            Nhà cung cấp dịch vụ kết nối: VNPT
            Địa chỉ IP: 203.0.113.10, 203.0.113.11
            Tên miền: dichvucong.example.invalid
            Thời điểm phát hiện: 25/11/2026 09:30
            Điện thoại: 0912345678
            Phân loại: availability:ddos
            """));
        await dovecot.DeliverAsync(Html("<m3@reporter.example.invalid>", "Email lừa đảo giả mạo Sở Tài chính",
            "<p>Nhiều cán bộ nhận thư giả mạo.</p><p>Đường dẫn: http://phish.example.invalid</p>"));

        // First life: IDLE. Every message is filed and marked on the server.
        await using (var first = await StartAsync(deployment, dovecot, useIdle: true))
        {
            await WaitUntilMarkedAsync(dovecot, 3);
            var reports = await ReportsAsync(first);
            Assert.Equal(3, reports.Count);
            Assert.All(reports, r => Assert.Equal("email", r.Channel));

            var defacement = reports.Single(r => r.Title.StartsWith("Trang web", StringComparison.Ordinal));
            var api = new ApiClient(first.Http, HostFixture.AdminKey);
            var view = await api.GetJsonAsync($"/api/v1/reports/{defacement.Id}");
            var reporter = view.GetProperty("report").GetProperty("reporter");
            Assert.Equal("nguoibao@example.invalid", reporter.GetProperty("email").GetString());
            Assert.Equal("Nguyễn Văn Báo", reporter.GetProperty("name").GetString());
            Assert.Contains("nội dung lạ", view.GetProperty("report").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.False(view.GetProperty("report").GetProperty("isLegalInitialReport").GetBoolean());

            var files = await api.GetJsonAsync($"/api/v1/reports/{defacement.Id}/attachments");
            var file = Assert.Single(files.EnumerateArray());
            Assert.Equal("access.log", file.GetProperty("fileName").GetString());
            Assert.True(file.GetProperty("kept").GetBoolean());
            using (var download = await api.SendAsync(HttpMethod.Get, $"/api/v1/reports/{defacement.Id}/attachments/{file.GetProperty("id").GetGuid()}"))
            {
                Assert.Equal(HttpStatusCode.OK, download.StatusCode);
                Assert.Equal("application/octet-stream", download.Content.Headers.ContentType?.MediaType);
                Assert.Equal(sample, await download.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
            }

            var legal = reports.Single(r => r.Title.StartsWith("[TBSC]", StringComparison.Ordinal));
            var form = (await api.GetJsonAsync($"/api/v1/reports/{legal.Id}")).GetProperty("report");
            Assert.True(form.GetProperty("isLegalInitialReport").GetBoolean());
            Assert.Equal("availability:ddos", form.GetProperty("classification").GetString());
            Assert.Equal("Cổng dịch vụ công tỉnh", form.GetProperty("affectedSystem").GetProperty("name").GetString());
            Assert.Equal(4, form.GetProperty("affectedSystem").GetProperty("securityLevel").GetInt32());
            Assert.Equal(["203.0.113.10", "203.0.113.11"], form.GetProperty("affectedSystem").GetProperty("ips").EnumerateArray().Select(i => i.GetString()));
            Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(7)), form.GetProperty("detectedAt").GetDateTimeOffset());

            var phishing = reports.Single(r => r.Title.StartsWith("Email lừa đảo", StringComparison.Ordinal));
            var html = (await api.GetJsonAsync($"/api/v1/reports/{phishing.Id}")).GetProperty("report").GetProperty("description").GetString();
            Assert.Contains("Nhiều cán bộ nhận thư giả mạo.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("<p>", html, StringComparison.Ordinal);

            // Through the same path as every report: triaged into an incident.
            var filed = await api.WaitUntilTriagedAsync(legal.Id);
            Assert.NotEqual(Guid.Empty, filed.GetProperty("incidentId").GetGuid());

            // And answered (QĐ 05 Điều 12): the "[TBSC]" mail's sender gets a receipt naming the incident; the other mails none.
            var pickup = Path.Combine(data.Path, "mail-pickup");
            var receipt = Assert.Single(await Eventually.MatchesAsync(
                () => Task.FromResult(Directory.Exists(pickup)
                    ? Directory.GetFiles(pickup, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.Headers["X-IR-Report-Id"] is not null).ToList()
                    : []),
                r => r.Count > 0, what: "the receipt"));
            Assert.Equal(legal.Id.ToString("D"), receipt.Headers["X-IR-Report-Id"]);
            Assert.Equal("nguoibao@example.invalid", receipt.To.Mailboxes.Single().Address);
            Assert.Contains(filed.GetProperty("incidentNumber").GetString()!, receipt.Subject, StringComparison.Ordinal);
            Assert.Equal("m2@reporter.example.invalid", receipt.InReplyTo); // threaded under the report's own mail
            Assert.Equal(["m2@reporter.example.invalid"], receipt.References);
        }

        // While the Host is down: one new message arrives, and the server loses every mark (as after a
        // crash between storing a report and marking its message).
        await dovecot.DeliverAsync(Plain("<m4@reporter.example.invalid>", "Máy chủ thư bị nhiễm mã độc", "Phát hiện tệp lạ trên máy chủ."));
        await dovecot.RemoveKeywordAsync(Keyword);

        // Second life: polling. Only the new message becomes a report; the others are recognised.
        await using var second = await StartAsync(deployment, dovecot, useIdle: false);
        await WaitUntilMarkedAsync(dovecot, 4);
        var after = await ReportsAsync(second);
        Assert.Equal(4, after.Count);
        Assert.Single(after, r => r.Title == "Máy chủ thư bị nhiễm mã độc");
    }

    [Fact]
    public async Task A_mail_this_system_sent_or_a_machine_s_answer_to_one_is_marked_but_not_filed()
    {
        // The standing office's mailbox is a recipient of notices and receipts and may be the intake box too: a notice
        // filed as a report would open an incident about itself, whose notices would come back in turn.
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        var ours = Plain("<0f2a4c6e8b1d3f5a7c9e0b2d4f6a8c1e@incidentresponse>", "[TLP:GREEN] Xác nhận đã nhận báo cáo / Report received: SC-2026-00001 — Tấn công", "Thư tự động.");
        ours.Headers.Add("X-IR-Notification-Id", Guid.NewGuid().ToString("D"));
        ours.Headers.Add("Auto-Submitted", "auto-replied");
        var forwarded = Plain("<m8@reporter.example.invalid>", "Fwd: thông báo sự cố", "Chuyển tiếp để xử lý.");
        forwarded.Headers.Add("X-IR-Notification-Id", Guid.NewGuid().ToString("D")); // kept by a person forwarding it, no Auto-Submitted
        var absent = Plain("<ooo1@reporter.example.invalid>", "Tự động trả lời: vắng mặt", "Tôi vắng mặt đến thứ Hai.");
        absent.InReplyTo = ours.MessageId;
        absent.Headers.Add("Auto-Submitted", "auto-replied");
        var bounce = new MimeMessage { Subject = "Undelivered Mail Returned to Sender" };
        bounce.From.Add(new MailboxAddress("Mail Delivery System", "MAILER-DAEMON@reporter.example.invalid"));
        bounce.To.Add(new MailboxAddress("Ban Chỉ đạo", DovecotServer.User));
        bounce.MessageId = "dsn1@reporter.example.invalid";
        bounce.Body = new MultipartReport("delivery-status")
        {
            new TextPart("plain") { Text = "Không gửi được thư tới người nhận." },
            new MessagePart { Message = ours },
        };
        foreach (var mail in new[] { ours, forwarded, absent, bounce })
        {
            await dovecot.DeliverAsync(mail);
        }

        await dovecot.DeliverAsync(Plain("<m9@reporter.example.invalid>", "Máy chủ bị dò quét", "Nhiều truy cập lạ."));

        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), dovecot, useIdle: false);
        await WaitUntilMarkedAsync(dovecot, 5);

        Assert.Equal(["Fwd: thông báo sự cố", "Máy chủ bị dò quét"], (await ReportsAsync(host)).Select(r => r.Title).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Mail_delivered_while_the_host_idles_is_filed_at_once()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), dovecot, useIdle: true, pollInterval: TimeSpan.FromMinutes(10));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // The poll interval is ten minutes: only IDLE can bring this message in time.
        await dovecot.DeliverAsync(Plain(null, "Mất kết nối mạng nội bộ", "Không có nội dung khác.", ("nested.eml", Encoding.UTF8.GetBytes("x"))));
        await WaitUntilMarkedAsync(dovecot, 1);
        var report = Assert.Single(await ReportsAsync(host));
        Assert.Equal("Mất kết nối mạng nội bộ", report.Title);
    }

    [Fact]
    public async Task Mail_that_arrives_while_a_message_is_being_filed_is_filed_without_waiting_for_a_poll()
    {
        await using var dovecot = await DovecotServer.StartAsync();
        using var data = new TempDirectory();
        await using var host = await StartAsync(new EmbeddedDeployment(data.Path), dovecot, useIdle: true, pollInterval: TimeSpan.FromMinutes(10));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        // Intake's database is held, so the first message waits to be stored while the second arrives; the server
        // announces the second in its answer to the command that marks the first, before the reader idles again.
        await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data.Path, "intake.db")}"))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using (var hold = holder.CreateCommand())
            {
                hold.CommandText = "BEGIN IMMEDIATE";
                await hold.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            }

            await dovecot.DeliverAsync(Plain(null, "Thư thứ nhất", "Đến khi cơ sở dữ liệu đang bận."));
            await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            await dovecot.DeliverAsync(Plain(null, "Thư thứ hai", "Đến trong lúc thư thứ nhất đang được lưu."));
            await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
            await using var release = holder.CreateCommand();
            release.CommandText = "ROLLBACK";
            await release.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        // The poll interval is ten minutes and the IDLE refresh nine: only a new pass brings the second in time.
        await WaitUntilMarkedAsync(dovecot, 2);
        Assert.Equal(["Thư thứ nhất", "Thư thứ hai"], (await ReportsAsync(host)).Select(r => r.Title));
    }

    private static async Task<TestHost> StartAsync(EmbeddedDeployment deployment, DovecotServer dovecot, bool useIdle, TimeSpan? pollInterval = null)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings);
        foreach (var (key, value) in dovecot.HostSettings(pollInterval ?? TimeSpan.FromMilliseconds(500), useIdle))
        {
            settings[key] = value;
        }

        return await TestHost.StartAsync(deployment, settings: settings);
    }

    private static async Task WaitUntilMarkedAsync(DovecotServer dovecot, int count) =>
        _ = await Eventually.MatchesAsync(dovecot.InboxAsync, inbox => inbox.Count == count && inbox.All(m => m.Keywords.Contains(Keyword)),
            TimeSpan.FromSeconds(30), $"{count} messages marked {Keyword}");

    private static async Task<List<StoredReport>> ReportsAsync(TestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IntakeDbContext>().Reports.AsNoTracking().OrderBy(r => r.ReceivedAt).ToListAsync();
    }

    private static MimeMessage Plain(string? messageId, string subject, string text, params (string Name, byte[] Content)[] files)
    {
        var body = new BodyBuilder { TextBody = text };
        foreach (var (name, content) in files)
        {
            body.Attachments.Add(name, content, new ContentType("application", "octet-stream"));
        }

        return Message(messageId, subject, body);
    }

    private static MimeMessage Html(string messageId, string subject, string html) => Message(messageId, subject, new BodyBuilder { HtmlBody = html });

    private static MimeMessage Message(string? messageId, string subject, BodyBuilder body)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Date = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7)),
            Body = body.ToMessageBody(),
        };
        message.From.Add(new MailboxAddress("Nguyễn Văn Báo", "nguoibao@example.invalid"));
        message.To.Add(new MailboxAddress("Ban Chỉ đạo", DovecotServer.User));
        if (messageId is not null)
        {
            message.MessageId = messageId.Trim('<', '>');
        }

        return message;
    }
}
