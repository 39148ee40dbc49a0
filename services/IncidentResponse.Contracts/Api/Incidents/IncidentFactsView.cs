using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// The legal facts a person can declare on an open incident (<c>POST /api/v1/incidents/{id}/personal-data</c>,
/// <c>…/national-security</c>) and the duties the incident owes after the declaration. <see cref="Changed"/>: false when
/// the fact was already set (the call changed nothing).
/// </summary>
public sealed record IncidentFactsView(
    Guid Id, string Number, bool PersonalData, bool NationalSecurityOrPublicOrder, bool Changed, IReadOnlyList<LegalDeadline> Deadlines);
