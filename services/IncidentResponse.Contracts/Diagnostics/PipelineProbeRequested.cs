namespace IncidentResponse.Contracts.Diagnostics;

/// <summary>
/// Asks every running service to prove that it receives messages and can write to its store.
/// Operators send it through <c>POST /api/v1/diagnostics/probes</c>; each service answers with
/// <see cref="PipelineProbeAnswered"/>.
/// </summary>
public sealed record PipelineProbeRequested(Guid ProbeId, DateTimeOffset RequestedAt);
