using System.Text.Json;
using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>
/// A notice is stored with its Vietnamese letters as they are (not as <c>\uXXXX</c> escapes, which made it larger and four
/// times slower to read back), and the stored text stays the record of what was sent when nothing about the incident
/// changed before sending: it is neither written again nor stored again. When something changed, the notice as sent is
/// stored.
/// </summary>
public abstract class NoticeAsSentTests
{
    private static readonly PageTarget DutyPoint = new(PageTarget.Unit, "vnpt-bn", null, null);

    /// <summary>How an older release wrote notices, indented here as well: the same notice in other words.</summary>
    private static readonly JsonSerializerOptions OlderWords = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    protected abstract Task<ChannelWorld> WorldAsync(IDictionary<string, string?>? settings = null);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_notice_is_stored_with_its_Vietnamese_letters_as_they_are()
    {
        await using var world = await WorldAsync();
        var engagement = await world.EngagementAsync();
        Assert.Equal(1, await world.StepAsync(engagement, 1, DutyPoint));

        var stored = Assert.Single(await world.NotificationsAsync(engagement.Id)).Notice;
        Assert.Contains("\"ownerAgency\":\"Văn phòng UBND tỉnh\"", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_sent_as_it_was_stored_keeps_its_stored_text()
    {
        await using var world = await WorldAsync();
        var engagement = await world.EngagementAsync();
        Assert.Equal(1, await world.StepAsync(engagement, 1, DutyPoint));
        var notification = Assert.Single(await world.NotificationsAsync(engagement.Id));
        // The same notice in other words (indented, letters escaped), as an older release may have written it.
        var older = JsonSerializer.Serialize(JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options), OlderWords);
        await SetNoticeAsync(world, notification.Id, older);

        Assert.Equal(1, await world.DispatchAsync());

        var sent = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Equal(NotificationStatus.Delivered, sent.Status);
        Assert.Equal(older, sent.Notice);
    }

    [Fact]
    public async Task A_notice_whose_incident_changed_before_sending_is_stored_as_sent()
    {
        await using var world = await WorldAsync();
        var engagement = await world.EngagementAsync(tlp: "AMBER");
        Assert.Equal(1, await world.StepAsync(engagement, 1, DutyPoint));
        await world.WithDbAsync(db => db.Incidents.Where(i => i.IncidentId == engagement.IncidentId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Tlp, "RED").SetProperty(i => i.SeverityLevel, 5), Cancel));

        Assert.Equal(1, await world.DispatchAsync());

        var sent = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Contains("\"tlp\":\"RED\"", sent.Notice, StringComparison.Ordinal);
        Assert.Contains("\"severityLevel\":5", sent.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_notice_made_before_the_hotline_changed_is_sent_with_the_committee_number_of_today()
    {
        using var mail = new TempDirectory();
        await using var world = await WorldAsync(new Dictionary<string, string?>
        {
            ["Notifications:Email:PickupDirectory"] = mail.Path,
            ["Committee:Hotline"] = "0222 3 822 888",
        });
        var engagement = await world.EngagementAsync();
        Assert.Equal(1, await world.StepAsync(engagement, 1, DutyPoint));
        var made = Assert.Single(await world.NotificationsAsync(engagement.Id));
        var notice = JsonSerializer.Deserialize<Notice>(made.Notice, DirectoryJson.Options)!;
        Assert.Equal("0222 3 822 888", notice.Hotline);
        // Made while the committee published another number: a retry after the change must not send the old one.
        await SetNoticeAsync(world, made.Id, JsonSerializer.Serialize(notice with { Hotline = "0222 1 111 111" }, DirectoryJson.Options));

        Assert.Equal(1, await world.DispatchAsync());

        var sent = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Equal("0222 3 822 888", JsonSerializer.Deserialize<Notice>(sent.Notice, DirectoryJson.Options)!.Hotline);
        using var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(mail.Path)), Cancel);
        Assert.Contains("Đường dây nóng 24/7 của Ban Chỉ đạo: 0222 3 822 888", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("0222 1 111 111", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stored_notice_holds_no_live_acknowledgement_link_and_the_one_sent_acknowledges_once()
    {
        using var mail = new TempDirectory();
        await using var world = await WorldAsync(new Dictionary<string, string?> { ["Notifications:Email:PickupDirectory"] = mail.Path });
        var engagement = await world.EngagementAsync();
        Assert.Equal(1, await world.StepAsync(engagement, 1, DutyPoint));
        var stored = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Equal("http://127.0.0.1:5080/ack/", StoredLink(stored));

        Assert.Equal(1, await world.DispatchAsync());

        // The mail carries a signed link; the record of what was sent (a copy of the database, a backup) does not.
        var sent = Assert.Single(await world.NotificationsAsync(engagement.Id));
        Assert.Equal(NotificationStatus.Delivered, sent.Status);
        Assert.Equal("http://127.0.0.1:5080/ack/", StoredLink(sent));
        using var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(mail.Path)), Cancel);
        var token = System.Text.RegularExpressions.Regex.Match(message.TextBody ?? "", @"http://127\.0\.0\.1:5080/ack/([A-Za-z0-9._-]+)").Groups[1].Value;
        Assert.NotEmpty(token);
        using (var acknowledged = await world.PostAsync("ack/" + token, new FormUrlEncodedContent([])))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, acknowledged.StatusCode);
            Assert.True(acknowledged.Headers.CacheControl?.NoStore, "the page of a credential's address is not cached");
        }

        using (var again = await world.PostAsync("ack/" + token, new FormUrlEncodedContent([])))
        {
            Assert.Equal(System.Net.HttpStatusCode.Gone, again.StatusCode);
            var page = System.Net.WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync(Cancel));
            Assert.Matches(@"đã được xác nhận lúc \d\d/\d\d/\d{4} \d\d:\d\d \(UTC\+07:00\)", page); // Vietnam's time, not bare UTC
        }

        Assert.Equal(EngagementStates.Acknowledged, (await world.EngagementStateAsync(engagement.Id)).State);
    }

    private static string StoredLink(Notification notification) =>
        JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)!.AcknowledgeLink.ToString();

    private static Task<int> SetNoticeAsync(ChannelWorld world, Guid id, string notice) => world.WithDbAsync(db =>
        db.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Notice, notice), Cancel));
}

public sealed class SqliteNoticeAsSentTests : NoticeAsSentTests
{
    protected override Task<ChannelWorld> WorldAsync(IDictionary<string, string?>? settings = null) => ChannelWorld.SqliteAsync(settings ?? new Dictionary<string, string?>());
}

public sealed class PostgresNoticeAsSentTests(InfrastructureFixture infrastructure) : NoticeAsSentTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<ChannelWorld> WorldAsync(IDictionary<string, string?>? settings = null) =>
        await ChannelWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("notice_sent_" + Guid.NewGuid().ToString("N")[..12]), settings ?? new Dictionary<string, string?>());
}

/// <summary>What counts as the same notice: exactly, deadlines and their recipients included.</summary>
public sealed class NoticeSamenessTests
{
    private static readonly DateTimeOffset Due = new(2026, 12, 5, 9, 0, 0, TimeSpan.FromHours(7));

    private static Notice Notice(params LegalDeadline[] deadlines) => new(
        Guid.Parse("0b9f1c2e-1111-2222-3333-444455556666"), Guid.Parse("0b9f1c2e-1111-2222-3333-444455556667"), "SC-2026-00001", NoticeKind.Engaged,
        "Tấn công DDoS", "availability:ddos", 4, true, "AMBER", false, null, null, deadlines, "vnpt-bn", "VNPT Bắc Ninh", "VNPT Bac Ninh", "lý do", "reason",
        new Uri("http://127.0.0.1/i/1"), new Uri("http://127.0.0.1/a/1"), "ABCD2345", Due);

    private static LegalDeadline Deadline(DateTimeOffset due, params string[] recipients) =>
        new("initial", due, "vn-2017", "Báo cáo ban đầu", "Initial report", "TT 20/2017 Điều 9", recipients);

    [Fact]
    public void The_same_notice_read_twice_is_the_same()
    {
        var json = JsonSerializer.Serialize(Notice(Deadline(Due, "vncert", "bcd-bn")), DirectoryJson.Options);
        Assert.True(NoticeSameness.Same(JsonSerializer.Deserialize<Notice>(json, DirectoryJson.Options)!, JsonSerializer.Deserialize<Notice>(json, DirectoryJson.Options)!));
    }

    [Fact]
    public void A_deadline_due_at_the_same_instant_written_in_another_offset_is_not_the_same()
    {
        Assert.False(NoticeSameness.Same(Notice(Deadline(Due, "vncert")), Notice(Deadline(Due.ToUniversalTime(), "vncert"))));
    }

    [Fact]
    public void A_deadline_with_its_recipients_in_another_order_or_another_field_is_not_the_same()
    {
        var notice = Notice(Deadline(Due, "vncert", "bcd-bn"));
        Assert.False(NoticeSameness.Same(notice, Notice(Deadline(Due, "bcd-bn", "vncert"))));
        Assert.False(NoticeSameness.Same(notice, Notice(Deadline(Due, "vncert", "bcd-bn"), Deadline(Due.AddDays(3), "a05"))));
        Assert.False(NoticeSameness.Same(notice, notice with { Round = 1 }));
        Assert.False(NoticeSameness.Same(notice, notice with { Status = "closed" }));
    }
}
