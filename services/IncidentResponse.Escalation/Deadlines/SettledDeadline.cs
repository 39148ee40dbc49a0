namespace IncidentResponse.Escalation.Deadlines;

/// <summary>
/// A legal deadline of an incident that needed no clock when it was first heard of: <c>done</c> (due at once, within
/// <see cref="DeadlineSchedule.LateStartGrace"/>: the engagement notices carry it) or <c>stopped</c> (its duty already
/// submitted or waived). Kept on the incident's copy instead of a clock row that would never alert.
/// </summary>
public sealed record SettledDeadline(string Id, DateTimeOffset DueAt, string NameVi, string NameEn, string Basis, string State);
