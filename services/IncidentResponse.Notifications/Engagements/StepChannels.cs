using System.Text.Json;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Partners;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>An escalation step that names channels (<c>channels: [telegram, voice]</c>) pages the target on those alone, in that order.</summary>
public static class StepChannels
{
    /// <summary>
    /// The recipient with only the named channels of its directory entry, in the step's order; unchanged when the step
    /// names none; null when it has none of them (the target is then skipped like one missing from the directory).
    /// </summary>
    public static NotificationRecipient? Only(NotificationRecipient? recipient, IReadOnlyList<string>? channels)
    {
        if (recipient is null || channels is not { Count: > 0 })
        {
            return recipient;
        }

        var own = DirectoryJson.Channels(recipient.Destinations);
        var kept = channels.Distinct(StringComparer.Ordinal).SelectMany(name => own.Where(c => c.Channel == name)).ToList();
        return kept.Count == 0 ? null : recipient with { Destinations = JsonSerializer.Serialize(kept, DirectoryJson.Options) };
    }
}
