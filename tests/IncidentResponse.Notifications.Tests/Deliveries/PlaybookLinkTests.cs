using System.Text.Json;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>A notice about an incident whose class has a response playbook links to it, in every channel that has room.</summary>
public sealed class PlaybookLinkTests
{
    private static readonly Uri DdosPlaybook = new("http://127.0.0.1:5080/playbooks/ddos");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_DDoS_notice_carries_the_DDoS_playbook_link_in_the_mail_parts_and_the_webhook_payload()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var (_, first) = await world.EngageAsync();

        var notice = JsonSerializer.Deserialize<Notice>(first.Notice, DirectoryJson.Options)!;
        Assert.Equal(DdosPlaybook, notice.PlaybookLink);

        var mail = EmailMessage.Build(notice, Notices.Vietnamese, new MailboxAddress("Unit", "unit@example.invalid"), new MailboxAddress("IR", "ir@example.invalid"), notice.CreatedAt);
        Assert.Contains($"Hướng dẫn ứng phó: {DdosPlaybook}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Response playbook: {DdosPlaybook}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{DdosPlaybook}\">", mail.HtmlBody, StringComparison.Ordinal);

        using var payload = JsonDocument.Parse(WebhookPayload.From(notice).ToUtf8Bytes());
        Assert.Equal(DdosPlaybook.ToString(), payload.RootElement.GetProperty("playbookUrl").GetString());
    }

    [Fact]
    public async Task A_class_without_a_playbook_gets_no_link_and_a_whole_class_entry_covers_its_types()
    {
        await using var world = await EngagementWorld.SqliteAsync();

        var drill = await NoticeForAsync(world, "test:test");
        var malware = await NoticeForAsync(world, "malicious-code:c2-server");

        Assert.Null(drill.PlaybookLink);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(WebhookPayload.From(drill).ToUtf8Bytes()).RootElement.GetProperty("playbookUrl").ValueKind);
        Assert.DoesNotContain("/playbooks/", EmailMessage.Build(drill, Notices.English, new MailboxAddress("U", "u@example.invalid"), new MailboxAddress("IR", "ir@example.invalid"), drill.CreatedAt).TextBody, StringComparison.Ordinal);
        Assert.Equal(new Uri("http://127.0.0.1:5080/playbooks/malware"), malware.PlaybookLink);
    }

    [Fact]
    public void An_SMS_carries_the_playbook_link_only_when_it_fits()
    {
        var notice = Notices.Sample(tlp: "RED", title: null, withheld: true) with { PlaybookLink = DdosPlaybook };

        var roomy = SmsText.Compose(notice, Notices.English, 320);
        var tight = SmsText.Compose(notice, Notices.English, 120);

        Assert.EndsWith($"Playbook: {DdosPlaybook}", roomy, StringComparison.Ordinal);
        Assert.DoesNotContain("playbooks", tight, StringComparison.Ordinal);
        Assert.True(tight.Length <= 120);
    }

    private static Task<Notice> NoticeForAsync(EngagementWorld world, string classification) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Data.NotificationsDbContext>();
        var unit = await db.Units.SingleAsync(u => u.Code == "vnpt-bn", Cancel);
        var facts = new IncidentFacts(Guid.NewGuid(), "SC-2026-00077", "Diễn tập", classification, 1, false, "GREEN", false, null, null, []);
        var added = await sp.GetRequiredService<NotificationRequests>().AddAsync(
            db, NotificationRecipient.Duty(unit), facts, NoticeKind.Engaged, null, $"test:{Guid.NewGuid():N}", NotificationOrigins.Engagement, "lý do", "reason",
            TimeProvider.System.GetUtcNow(), Cancel);
        return JsonSerializer.Deserialize<Notice>(added!.Notice, DirectoryJson.Options)!;
    });
}
