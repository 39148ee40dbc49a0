using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Notifications.Channels;

namespace IncidentResponse.Notifications.Deliveries;

/// <summary>
/// Whether a notice brought up to date before it is sent (the round, the incident as it is now) still says exactly what its
/// stored text says: then the stored text is the record of what was sent, and it is neither written again nor stored again
/// (writing it cost as much as reading it, eight notices per report). Exactly: the deadlines' times with their offsets and
/// their recipients in order; anything else a notice holds compares by value.
/// </summary>
internal static class NoticeSameness
{
    private static readonly LegalDeadline[] NoDeadlines = [];
    private static readonly string[] NoRecipients = [];

    public static bool Same(Notice stored, Notice now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(now);
        return stored with { Deadlines = NoDeadlines } == now with { Deadlines = NoDeadlines }
            && SameList(stored.Deadlines, now.Deadlines, Same);
    }

    private static bool Same(LegalDeadline a, LegalDeadline b) =>
        a with { Recipients = NoRecipients } == b with { Recipients = NoRecipients }
        && a.DueAt.EqualsExact(b.DueAt)
        && (a.SubmittedAt is { } at ? b.SubmittedAt is { } bt && at.EqualsExact(bt) : b.SubmittedAt is null)
        && SameList(a.Recipients, b.Recipients, string.Equals);

    /// <summary>Both absent (a notice stored before the list was carried), or as many items, pairwise the same.</summary>
    private static bool SameList<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b, Func<T, T, bool> same) =>
        a is null || b is null ? ReferenceEquals(a, b) : a.Count == b.Count && a.Zip(b).All(p => same(p.First, p.Second));
}
