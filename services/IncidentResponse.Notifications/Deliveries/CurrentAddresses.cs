using System.Text.Json;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Where a notice sent again goes: a unit's duty point or a person of the directory is reached at the addresses the
/// directory holds now (the reason for sending again is often an address corrected there), through the same kinds of
/// channel the notice was made with (a step that paged by SMS only pages by SMS only). A webhook named by a policy, a
/// document's e-mail address, a report's sender and a drill's exercise contacts are what they were.
/// </summary>
public static class CurrentAddresses
{
    /// <summary>The notice's destinations as the directory holds them now, or null to keep those it was made with.</summary>
    public static async Task<string?> OfAsync(NotificationsDbContext db, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(notification);
        var key = notification.RecipientKey;
        string? current;
        if (key.StartsWith("duty:", StringComparison.Ordinal))
        {
            var code = key["duty:".Length..];
            current = await db.Units.AsNoTracking().Where(u => u.Code == code).Select(u => u.DutyChannels).FirstOrDefaultAsync(cancellationToken);
        }
        else if (key.StartsWith("person:", StringComparison.Ordinal))
        {
            var id = key["person:".Length..];
            var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
            var unit = person is null ? null : await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == person.UnitCode, cancellationToken);
            current = person is null || unit is null ? null : NotificationRecipient.ForPerson(person, unit).Destinations;
        }
        else
        {
            return null;
        }

        if (current is null || await db.Incidents.AsNoTracking().AnyAsync(i => i.IncidentId == notification.IncidentId && i.Drill, cancellationToken))
        {
            return null; // gone from the directory, or a drill's notice (its exercise contacts, never the duty point)
        }

        var kinds = DirectoryJson.Channels(notification.Destinations).Select(c => c.Channel).ToHashSet(StringComparer.Ordinal);
        var kept = DirectoryJson.Channels(current).Where(c => kinds.Contains(c.Channel)).ToList();
        return kept.Count == 0 ? null : JsonSerializer.Serialize(kept, DirectoryJson.Options);
    }
}
