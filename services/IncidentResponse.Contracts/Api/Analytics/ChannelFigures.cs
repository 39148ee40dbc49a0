namespace IncidentResponse.Contracts.Api.Analytics;

/// <summary>Delivery attempts on one channel in a period: all, delivered, failed (transient and permanent), and the failure rate (0–1, null without attempts).</summary>
public sealed record ChannelFigures(string Channel, long Attempts, long Delivered, long TransientFailures, long PermanentFailures, double? FailureRate);
