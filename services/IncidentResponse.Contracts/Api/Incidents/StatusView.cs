namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>An incident's status (one of <see cref="Vocabulary.IncidentStatuses.All"/>) with its names.</summary>
public sealed record StatusView(string Value, string NameVi, string NameEn);
