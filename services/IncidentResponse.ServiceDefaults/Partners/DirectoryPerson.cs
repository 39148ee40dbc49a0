namespace IncidentResponse.ServiceDefaults.Partners;

/// <summary>A person as <see cref="IPartnerDirectory"/> answers it, with the unit they belong to.</summary>
public sealed record DirectoryPerson(string Id, string Name, string UnitCode, bool Active);
