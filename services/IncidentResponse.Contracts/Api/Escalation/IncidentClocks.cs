namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>One incident's legal deadline clocks in a read of several incidents at once (<c>GET /api/v1/deadline-clocks?incident=…</c>).</summary>
public sealed record IncidentClocks(Guid IncidentId, IReadOnlyList<ClockView> Clocks);
