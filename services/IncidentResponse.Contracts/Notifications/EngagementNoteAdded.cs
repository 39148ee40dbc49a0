namespace IncidentResponse.Contracts.Notifications;

/// <summary>
/// An engaged unit (or the committee on its behalf) wrote a note on its engagement, e.g. through the
/// partner portal; triage puts it on the incident's timeline.
/// <c>UnitNameVi</c>/<c>UnitNameEn</c>: the unit's names in the directory, for sentences people read (null in messages from before
/// they were carried, and where the publisher does not know them: the timeline then names the unit by its code).
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
    DateTimeOffset AddedAt,
    string? UnitNameVi = null,
    string? UnitNameEn = null);
