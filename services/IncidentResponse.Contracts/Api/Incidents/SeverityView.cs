namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>A severity as the API writes it: the level on the six-level scale with its names and colour, the score, and whether a person set it.</summary>
public sealed record SeverityView(int Level, string NameVi, string NameEn, string Colour, int Score, bool Overridden);
