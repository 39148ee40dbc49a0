namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// An engaged unit (or the committee on its behalf) wrote a note on its engagement, e.g. through the
/// partner portal; triage puts it on the incident's timeline.
/// </summary>
public sealed record EngagementNoteAdded(
    Guid NoteId,
    Guid EngagementId,
    Guid IncidentId,
    string IncidentNumber,
    string UnitCode,
    string Text,
    string AddedBy,
    string Channel,
    DateTimeOffset AddedAt);
