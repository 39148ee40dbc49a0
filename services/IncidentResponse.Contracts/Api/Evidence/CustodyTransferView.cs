namespace IncidentResponse.Contracts.Api.Evidence;

/// <summary>One hand-over of an evidence item: from whom, to whom, why, recorded by whom and when, and its timeline entry.</summary>
public sealed record CustodyTransferView(string From, string To, string? Note, string By, DateTimeOffset At, int TimelineSequence);
