namespace IncidentResponse.Contracts.Api.Heartbeats;

/// <summary>
/// A heartbeat a monitoring source must send (<c>GET /api/v1/heartbeats</c>): its integration, the interval, its state
/// (<c>waiting</c> before the first ping, <c>up</c>, <c>missed</c>), the last ping, when the next is due and when it was missed.
/// </summary>
public sealed record HeartbeatView(string Name, Guid IntegrationId, int IntervalSeconds, string Status, DateTimeOffset? LastPingAt, DateTimeOffset DueAt, DateTimeOffset? MissedAt);
