namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>One delivery attempt on one channel, with the provider's answer.</summary>
public sealed record AttemptView(int Sequence, int Round, string Channel, string Address, DateTimeOffset StartedAt, string Outcome,
    string ProviderResponse, string? ProviderMessageId, int LatencyMs);
