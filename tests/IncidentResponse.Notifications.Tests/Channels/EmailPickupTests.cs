using System.Runtime.Versioning;
using System.Text;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IncidentResponse.Notifications.Tests.Channels;

/// <summary>Pickup mode: the same message, written as an .eml file, atomically.</summary>
public sealed class EmailPickupTests
{
    [Fact]
    public async Task Pickup_writes_a_parseable_eml_named_after_the_notification_with_both_parts()
    {
        using var folder = new TempDirectory();
        using var host = ChannelHost.Build(new Dictionary<string, string?> { ["Notifications:Email:PickupDirectory"] = folder.Path });
        var notice = Notices.Sample();

        var result = await host.Channel("email").SendAsync(notice, Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal(AttemptOutcome.Delivered, result.Outcome);
        var file = Assert.Single(Directory.GetFiles(folder.Path));
        var name = Path.GetFileName(file);
        Assert.EndsWith($"-{notice.NotificationId:N}.eml", name, StringComparison.Ordinal);
        Assert.Equal($"pickup: {name}", result.ProviderResponse);

        var raw = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        var headerEnd = raw.AsSpan().IndexOf("\r\n\r\n"u8);
        Assert.True(headerEnd > 0);
        Assert.All(raw[..headerEnd], b => Assert.True(b < 0x80, "headers are 7-bit: RFC 2047 encoded words"));
        var headerText = Encoding.ASCII.GetString(raw, 0, headerEnd);
        Assert.Contains("Subject: [TBSC] [TLP:AMBER] SC-2026-00042", headerText, StringComparison.Ordinal);
        Assert.Contains("=?utf-8?", headerText, StringComparison.OrdinalIgnoreCase);

        var mail = MimeMessage.Load(new MemoryStream(raw), TestContext.Current.CancellationToken);
        Assert.Equal("[TBSC] [TLP:AMBER] SC-2026-00042 Mức Cao: DDoS vào Cổng dịch vụ công", mail.Subject);
        Assert.Equal($"{notice.NotificationId:N}@incidentresponse", mail.MessageId);
        Assert.IsType<MultipartAlternative>(mail.Body);
        Assert.Contains("TLP:AMBER", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("TLP:AMBER", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(Notices.AckCode, mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")]
    public async Task A_pickup_folder_it_makes_and_the_messages_it_writes_are_not_readable_by_others()
    {
        using var parent = new TempDirectory();
        var folder = Path.Combine(parent.Path, "mail-pickup");
        using var host = ChannelHost.Build(new Dictionary<string, string?> { ["Notifications:Email:PickupDirectory"] = folder });

        var result = await host.Channel("email").SendAsync(Notices.Sample(), Notices.Vietnamese, new Destination("email", "an@example.invalid"), TestContext.Current.CancellationToken);

        Assert.Equal(AttemptOutcome.Delivered, result.Outcome);
        // A live acknowledgement link is in every message: the Host's user, and a pickup agent in its group, only.
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute,
            File.GetUnixFileMode(folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(folder))));
    }

    [Fact]
    public void The_default_pickup_folder_is_under_the_database_data_directory()
    {
        using var host = ChannelHost.Build(new Dictionary<string, string?> { ["Database:DataDirectory"] = "/srv/ir-data" });

        var options = host.Services.GetRequiredService<IOptions<EmailOptions>>().Value;

        Assert.Equal(EmailMode.Pickup, options.Mode);
        Assert.Equal(Path.Combine("/srv/ir-data", "mail-pickup"), options.PickupDirectory);
    }

    [Fact]
    public async Task A_notification_sent_again_after_a_crash_is_written_once_and_a_resend_round_is_written_again()
    {
        using var folder = new TempDirectory();
        using var host = ChannelHost.Build(new Dictionary<string, string?> { ["Notifications:Email:PickupDirectory"] = folder.Path });
        var notice = Notices.Sample();
        var to = new Destination("email", "an@example.invalid");

        // The Host died after writing the file and before recording the delivery: it tries again on restart.
        var first = await host.Channel("email").SendAsync(notice, Notices.Vietnamese, to, TestContext.Current.CancellationToken);
        var again = await host.Channel("email").SendAsync(notice, Notices.Vietnamese, to, TestContext.Current.CancellationToken);
        Assert.Equal(AttemptOutcome.Delivered, again.Outcome);
        Assert.Equal(first.ProviderResponse, again.ProviderResponse);
        Assert.Single(Directory.GetFiles(folder.Path));

        // A person asked for it to be sent again: a new message.
        var resent = await host.Channel("email").SendAsync(notice with { Round = 1 }, Notices.Vietnamese, to, TestContext.Current.CancellationToken);
        Assert.Equal(AttemptOutcome.Delivered, resent.Outcome);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        // … with a Message-ID of its own: a mail server that drops duplicates keeps it (review L4).
        var ids = new List<string>();
        foreach (var file in Directory.GetFiles(folder.Path))
        {
            using var mail = await MimeKit.MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
            ids.Add(mail.MessageId ?? "");
        }

        Assert.Equal([$"{notice.NotificationId:N}.1@incidentresponse", $"{notice.NotificationId:N}@incidentresponse"], ids.Order(StringComparer.Ordinal));
    }
}
