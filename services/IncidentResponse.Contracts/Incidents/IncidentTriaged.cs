using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// The current assessment of an incident: severity level 0–5, the legal serious-incident flag,
/// TLP, the deadlines that run, and what routing needs to know about the affected system.
/// Published when an incident is opened and whenever a correlated report changes the assessment.
/// </summary>
public sealed record IncidentTriaged(
    Guid IncidentId,
    string Number,
    string Title,
    string Classification,
    int SeverityLevel,
    int Score,
    bool Serious,
    string Tlp,
    bool PersonalData,
    AffectedSystem? AffectedSystem,
    IReadOnlyList<LegalDeadline> Deadlines,
    string PolicyVersion,
    DateTimeOffset TriagedAt);
