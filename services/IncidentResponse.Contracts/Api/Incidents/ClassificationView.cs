using IncidentResponse.Contracts.Incidents;

namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// An open incident's classification after <c>POST /api/v1/incidents/{id}/classification</c>: the RSIT <c>class:type</c> it
/// had and has, and the duties it owes now (those the new class calls for added; none removed).
/// </summary>
public sealed record ClassificationView(Guid Id, string Number, string Previous, string Classification, IReadOnlyList<LegalDeadline> Deadlines);
