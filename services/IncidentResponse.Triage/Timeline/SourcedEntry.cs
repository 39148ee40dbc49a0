namespace IncidentResponse.Triage.Timeline;

/// <summary>
/// An entry another service's message asks for, with the key that makes it once-only within its incident
/// (see <see cref="TimelineEntry.SourceKey"/>), and the unit it engaged, if it is an engagement (for the register).
/// </summary>
public sealed record SourcedEntry(
    Guid IncidentId, string SourceKey, string Kind, Actor Actor, DateTimeOffset At, string SummaryVi, string SummaryEn, object Data,
    Register.EngagedUnit? Engaged = null);
