using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>An incident as the partner portal shows it to one unit: only what the TLP disclosure policy lets
/// that unit see (<see cref="Disclosure"/>: <c>full</c>, <c>summary</c> or <c>minimal</c>; withheld
/// fields are null), and the unit's own engagement(s) with their state and milestones. <see cref="Status"/>: the incident's
/// lifecycle status as last told (null when no notice said it). <see cref="SeriousUndetermined"/>: the serious-incident test lacks a
/// fact and no person has decided ("Chưa xác định"); null when not known (a copy from before the flag was carried).</summary>
public sealed record PortalIncident(
    Guid IncidentId,
    string Number,
    string Disclosure,
    string Tlp,
    string? Title,
    string Classification,
    int SeverityLevel,
    bool Serious,
    bool PersonalData,
    string? AffectedSystem,
    string? OwnerAgency,
    IReadOnlyList<LegalDeadline> Deadlines,
    DateTimeOffset LastNoticeAt,
    IReadOnlyList<EngagementDetail> Engagements,
    string? Status = null,
    bool? SeriousUndetermined = null);
