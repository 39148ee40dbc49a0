namespace IncidentResponse.Contracts.Api.Directory;

/// <summary>
/// A recipient role of the legal regimes (a duty's <c>recipients</c>: <c>owner</c>, <c>specialised-unit</c>, …) and the
/// directory units that fill it (<c>GET /api/v1/recipient-roles</c>). <c>owner</c> has a unit only when an incident is given
/// and its owner agency is a unit of the directory. <see cref="DirectoryVersion"/> is the directory version that resolved it.
/// </summary>
public sealed record RecipientRoleView(string Role, IReadOnlyList<RecipientUnitView> Units, string DirectoryVersion);

/// <summary>A unit filling a recipient role.</summary>
public sealed record RecipientUnitView(string Code, string NameVi, string NameEn);
