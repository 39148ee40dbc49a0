namespace IncidentResponse.Contracts.Api.Escalation;

/// <summary>A step of an escalation chain that fired: when it was due, when it fired, and what came of it.</summary>
public sealed record StepView(int Round, int Step, bool Retrigger, DateTimeOffset DueAt, DateTimeOffset FiredAt, string Outcome, string Detail, string FiredBy);
