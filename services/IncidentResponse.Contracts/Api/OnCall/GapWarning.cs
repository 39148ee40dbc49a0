namespace IncidentResponse.Contracts.Api.OnCall;

/// <summary>A time ahead when a unit's schedule has nobody on call (<c>GET /api/v1/oncall/gaps</c>).</summary>
public sealed record GapWarning(string Unit, string ScheduleId, DateTimeOffset Start, DateTimeOffset End);
