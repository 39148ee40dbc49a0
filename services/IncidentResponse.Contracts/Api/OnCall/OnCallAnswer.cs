namespace IncidentResponse.Contracts.Api.OnCall;

/// <summary>Who is on call for a unit at a time (<c>GET /api/v1/oncall?unit=</c>); <see cref="PersonId"/> is null when nobody is.</summary>
public sealed record OnCallAnswer(string Unit, DateTimeOffset At, string? PersonId, string Source, string? ScheduleId, string? ScheduleVersion,
    string NoteVi, string NoteEn);
