using System.Text.Json;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Where a notice sent again goes. A unit's duty point or a person still in the directory is reached at the addresses the
/// database holds now (the reason for sending again is often an address corrected there): a letter (a document, a receipt,
/// a reminder) by their e-mail addresses; any other notice through the kinds of channel it was made with, in its order (a
/// step that paged by voice then SMS still does), or through every current channel when none of those kinds is left (the
/// unit's only channel changed kind). A webhook named by a policy, a typed e-mail address, a report's sender, a retired unit
/// or person and anything of a drill keep the addresses they had.
/// </summary>
public static class CurrentAddresses
{
    /// <summary>The notice's destinations as the directory holds them now, or null to keep those it was made with.</summary>
    public static async Task<string?> OfAsync(NotificationsDbContext db, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notification);
        if (!notification.RecipientKey.StartsWith("duty:", StringComparison.Ordinal) && !notification.RecipientKey.StartsWith("person:", StringComparison.Ordinal))
        {
            return null; // a policy's webhook, a typed address, a report's sender: what it was
        }

        if (IsDrill(notification) || await db.Incidents.AsNoTracking().AnyAsync(i => i.IncidentId == notification.IncidentId && i.Drill, cancellationToken))
        {
            return null; // a drill reaches exercise contacts only, never the duty point the directory names
        }

        IReadOnlyList<ContactChannel> channels, made;
        try
        {
            if (await DirectoryChannelsAsync(db, notification.RecipientKey, cancellationToken) is not { } current)
            {
                return null;
            }

            channels = DirectoryJson.Channels(current);
            made = DirectoryJson.Channels(notification.Destinations);
        }
        catch (JsonException)
        {
            return null; // a directory entry edited by hand into bad JSON: keep what the notice had rather than fail the re-send
        }

        List<ContactChannel> kept;
        if (notification.Kind is nameof(NoticeKind.Document) or nameof(NoticeKind.Receipt) or nameof(NoticeKind.PeriodicReminder))
        {
            kept = [.. channels.Where(c => c.Channel == EmailChannel.ChannelName)];
        }
        else
        {
            var order = made.Select(c => c.Channel).Distinct(StringComparer.Ordinal).ToList();
            kept = [.. order.SelectMany(kind => channels.Where(c => c.Channel == kind))];
            if (kept.Count == 0)
            {
                kept = [.. channels];
            }
        }

        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept, DirectoryJson.Options);
    }

    /// <summary>The channels of an active duty point (<c>duty:</c>) or person (<c>person:</c>) as the database holds them; else null.</summary>
    private static async Task<string?> DirectoryChannelsAsync(NotificationsDbContext db, string key, CancellationToken cancellationToken)
    {
        if (key.StartsWith("duty:", StringComparison.Ordinal))
        {
            var code = key["duty:".Length..];
            return await db.Units.AsNoTracking().Where(u => u.Code == code && u.Active).Select(u => u.DutyChannels).FirstOrDefaultAsync(cancellationToken);
        }

        if (key.StartsWith("person:", StringComparison.Ordinal))
        {
            var id = key["person:".Length..];
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id && p.Active, cancellationToken);
            return person is null ? null : NotificationRecipient.PersonChannels(person);
        }

        return null;
    }

    private static bool IsDrill(Notification notification)
    {
        try
        {
            return JsonSerializer.Deserialize<Notice>(notification.Notice, DirectoryJson.Options)?.Drill == true;
        }
        catch (JsonException)
        {
            return true; // unreadable: do not guess, keep the addresses it had
        }
    }
}
