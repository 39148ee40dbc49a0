namespace IncidentResponse.ServiceDefaults.Partners;

/// <summary>A unit as <see cref="IPartnerDirectory"/> answers it; <see cref="Active"/> false: retired, engaged no more.</summary>
public sealed record DirectoryUnit(string Code, string NameVi, string NameEn, bool Active);
