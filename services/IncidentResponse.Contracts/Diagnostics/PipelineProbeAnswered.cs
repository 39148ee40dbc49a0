namespace IncidentResponse.Contracts.Diagnostics;

/// <summary>A service received a <see cref="PipelineProbeRequested"/> and stored its receipt.</summary>
public sealed record PipelineProbeAnswered(Guid ProbeId, string Service, string Instance, DateTimeOffset AnsweredAt);
