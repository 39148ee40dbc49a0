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

/// <summary>
/// A drill (diễn tập) never reaches a real address: its notices go to the unit's exercise contacts or are
/// held, and every channel marks them "DIỄN TẬP / EXERCISE".
/// </summary>
public sealed class DrillNoticeTests
{
    private static readonly MailboxAddress From = new("IR", "ir@example.invalid");
    private static readonly MailboxAddress To = new("Unit", "unit@example.invalid");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void A_drill_mail_is_marked_at_the_start_of_the_subject_and_as_the_first_line_of_both_bodies()
    {
        var notice = Notices.Sample() with { Drill = true };

        var mail = EmailMessage.Build(notice, Notices.Vietnamese, To, From, notice.CreatedAt);

        Assert.StartsWith("[DIỄN TẬP / EXERCISE] [TBSC] [TLP:AMBER] SC-2026-00042", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("[DIỄN TẬP / EXERCISE] Đây là thông báo diễn tập", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("This is an exercise notice, not a real incident.", mail.TextBody, StringComparison.Ordinal);
        var html = mail.HtmlBody!;
        Assert.True(html.IndexOf("[DIỄN TẬP / EXERCISE]", StringComparison.Ordinal) < html.IndexOf("TLP:AMBER —", StringComparison.Ordinal),
            "the drill banner comes before the TLP banner");
    }

    [Fact]
    public void A_real_notice_carries_no_drill_mark()
    {
        var mail = EmailMessage.Build(Notices.Sample(), Notices.Vietnamese, To, From, DateTimeOffset.UnixEpoch);

        Assert.DoesNotContain("DIỄN TẬP", mail.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("EXERCISE", mail.TextBody, StringComparison.Ordinal);
        Assert.False(JsonDocument.Parse(WebhookPayload.From(Notices.Sample()).ToUtf8Bytes()).RootElement.GetProperty("drill").GetBoolean());
    }

    [Fact]
    public void A_drill_SMS_starts_with_the_mark_and_still_fits()
    {
        var notice = Notices.Sample(tlp: "RED", title: null, withheld: true) with { Drill = true };

        var sms = SmsText.Compose(notice, Notices.English, 160);

        Assert.StartsWith("[DIỄN TẬP / EXERCISE] ", sms, StringComparison.Ordinal);
        Assert.True(sms.Length <= 160);
        Assert.Contains(notice.AcknowledgeCode, sms, StringComparison.Ordinal);
    }

    [Fact]
    public void A_drill_webhook_payload_says_drill_true()
    {
        using var payload = JsonDocument.Parse(WebhookPayload.From(Notices.Sample() with { Drill = true }).ToUtf8Bytes());

        Assert.True(payload.RootElement.GetProperty("drill").GetBoolean());
    }

    [Fact]
    public async Task A_drill_notice_for_a_unit_without_exercise_contacts_is_held_and_never_addressed_to_its_duty_point()
    {
        await using var world = await EngagementWorld.SqliteAsync();

        var notification = await AddAsync(world, exerciseChannels: null, drill: true);

        Assert.Equal(NotificationStatus.Held, notification.Status);
        Assert.Equal(NotificationRequests.HeldNoExerciseContact, notification.LastError);
        Assert.Equal("[]", notification.Destinations);
        Assert.True(JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)!.Drill);
    }

    [Fact]
    public async Task A_drill_notice_goes_only_to_the_units_exercise_contacts()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var exercise = JsonSerializer.Serialize(new[] { new ContactChannel("email", "dien-tap@vnpt.example.invalid", null) }, DirectoryJson.Options);

        var notification = await AddAsync(world, exercise, drill: true);

        Assert.Equal(NotificationStatus.Pending, notification.Status);
        var destinations = JsonSerializer.Deserialize<List<ContactChannel>>(notification.Destinations, DirectoryJson.Options)!;
        Assert.Equal(["dien-tap@vnpt.example.invalid"], destinations.Select(d => d.Address));
    }

    [Fact]
    public async Task A_real_notice_ignores_exercise_contacts_and_goes_to_the_duty_point()
    {
        await using var world = await EngagementWorld.SqliteAsync();
        var exercise = JsonSerializer.Serialize(new[] { new ContactChannel("email", "dien-tap@vnpt.example.invalid", null) }, DirectoryJson.Options);

        var notification = await AddAsync(world, exercise, drill: false);

        Assert.Equal(NotificationStatus.Pending, notification.Status);
        Assert.DoesNotContain("dien-tap@", notification.Destinations, StringComparison.Ordinal);
        Assert.False(JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)!.Drill);
    }

    private static Task<Notification> AddAsync(EngagementWorld world, string? exerciseChannels, bool drill) => world.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Data.NotificationsDbContext>();
        var unit = await db.Units.SingleAsync(u => u.Code == "vnpt-bn", Cancel);
        unit.ExerciseChannels = exerciseChannels;
        var facts = new IncidentFacts(Guid.NewGuid(), "SC-2026-00078", "Diễn tập DDoS", "availability:ddos", 3, true, "GREEN", false, null, null, [], drill);
        var added = await sp.GetRequiredService<NotificationRequests>().AddAsync(
            db, NotificationRecipient.Duty(unit), facts, NoticeKind.InitialReport, null, $"test:{Guid.NewGuid():N}", NotificationOrigins.Engagement, "lý do", "reason",
            TimeProvider.System.GetUtcNow(), Cancel);
        return added!;
    });
}
