using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Documents;

/// <summary>
/// Who an issued document goes to: a directory unit by its code (its duty point's e-mail addresses), a legal recipient
/// role that names a unit kind with exactly one active unit (<c>steering-committee</c>, <c>national-coordinator</c>),
/// or an e-mail address as given. Anything else is not found, and the notification records it failed.
/// </summary>
public static class DocumentRecipients
{
    public static async Task<NotificationRecipient?> ResolveAsync(NotificationsDbContext db, string recipient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(recipient);
        if (recipient.Contains('@', StringComparison.Ordinal))
        {
            return ContactChannel.IsValidAddress(EmailChannel.ChannelName, recipient) ? ForAddress(recipient) : null;
        }

        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == recipient && u.Active, cancellationToken);
        if (unit is null)
        {
            var ofKind = await db.Units.AsNoTracking().Where(u => u.Kind == recipient && u.Active).Take(2).ToListAsync(cancellationToken);
            unit = ofKind.Count == 1 ? ofKind[0] : null;
        }

        return unit is null ? null : NotificationRecipient.Duty(unit);
    }

    /// <summary>
    /// Makes <paramref name="notification"/> a letter by e-mail (a document, a receipt, a periodic report's reminder): its stored notice
    /// with what <paramref name="letter"/> adds to it, and only the e-mail channels of its recipient.
    /// </summary>
    public static void AsEmailLetter(Notification notification, Func<Notice, Notice> letter)
    {
        ArgumentNullException.ThrowIfNull(notification);
        ArgumentNullException.ThrowIfNull(letter);
        notification.Notice = JsonSerializer.Serialize(letter(JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)!), DirectoryJson.Options);
        notification.Destinations = EmailOnly(notification.Destinations);
    }

    /// <summary>Only the e-mail channels of <paramref name="destinations"/>: a document goes as an attachment, by e-mail.</summary>
    public static string EmailOnly(string destinations) =>
        JsonSerializer.Serialize(DirectoryJson.Channels(destinations).Where(c => c.Channel == EmailChannel.ChannelName).ToList(), DirectoryJson.Options);

    /// <summary>What a notification to a recipient nobody can reach says (its <c>LastError</c>, after the recipient).</summary>
    public const string NotInDirectory = "không có trong danh bạ (hoặc đã ngừng hoạt động) và không phải địa chỉ thư điện tử / not in the directory (or retired) and not an e-mail address";

    /// <summary>
    /// A recipient no directory unit and no address: its notification is added so the deliveries list shows that nobody was
    /// told, then failed at once (<see cref="FailUnknown"/>).
    /// </summary>
    public static NotificationRecipient Unknown(string to)
    {
        ArgumentNullException.ThrowIfNull(to);
        var code = to.Length <= 40 ? to : to[..40];
        return new NotificationRecipient("unknown:" + to, to, "vi", Recipient.DefaultTimeZone, "[]",
            new Unit { Code = code, NameVi = to, NameEn = to, Kind = "unknown", DutyLanguage = "vi", DutyTimeZone = Recipient.DefaultTimeZone, DutyChannels = "[]", Source = "document" });
    }

    /// <summary>Records a notification to an <see cref="Unknown"/> recipient failed, saying why.</summary>
    public static void FailUnknown(Notification notification, string to, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notification);
        notification.Status = Contracts.Vocabulary.NotificationStatus.Failed;
        notification.LastError = $"{to}: {NotInDirectory}";
        notification.CompletedAt = now;
    }

    /// <summary>
    /// A recipient outside the directory: the address as its own "unit" named <paramref name="name"/> (the address when
    /// none), with no exercise contact (a drill's copy is held). <paramref name="source"/>: what asked for it.
    /// </summary>
    public static NotificationRecipient ForAddress(string address, string? name = null, string source = "document")
    {
        ArgumentNullException.ThrowIfNull(address);
        var shown = string.IsNullOrWhiteSpace(name) ? address : name;
        var channels = JsonSerializer.Serialize(new[] { new ContactChannel(EmailChannel.ChannelName, address, null) }, DirectoryJson.Options);
        var unit = new Unit
        {
            Code = "", NameVi = shown, NameEn = shown, Kind = "email", DutyLanguage = "vi", DutyTimeZone = Recipient.DefaultTimeZone,
            DutyChannels = channels, Source = source,
        };
        return new NotificationRecipient("email:" + address, shown, unit.DutyLanguage, unit.DutyTimeZone, channels, unit);
    }
}
