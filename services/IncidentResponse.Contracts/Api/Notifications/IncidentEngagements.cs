namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>One incident's engagements in a read of several incidents at once (<c>GET /api/v1/engagements?incident=…</c>).</summary>
public sealed record IncidentEngagements(Guid IncidentId, IReadOnlyList<EngagementView> Engagements);
