namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>A note a unit added to its engagement (<c>POST /api/v1/engagements/{id}/notes</c>, 201).</summary>
public sealed record NoteView(Guid Id, Guid EngagementId, Guid IncidentId, string Unit, string Text, string AddedBy, string Channel, DateTimeOffset AddedAt);
