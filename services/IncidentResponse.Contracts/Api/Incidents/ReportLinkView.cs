namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>A report that made or joined an incident, as the incident shows it.</summary>
public sealed record ReportLinkView(Guid ReportId, string Title, string Channel, DateTimeOffset ReceivedAt, int Level, int Score, bool Serious);
