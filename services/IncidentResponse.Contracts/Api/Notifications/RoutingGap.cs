namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>
/// Someone a routing rule that matches the incident asks for and the incident does not have (<c>GET
/// /api/v1/incidents/{id}/routing-gaps</c>). <see cref="Target"/> <c>owner</c> or <c>isp</c> with no <see cref="Unit"/>: the
/// name the incident gives (<see cref="Name"/>) matches no unit or alias of the directory in force, or (the owner) the incident
/// names none. With a <see cref="Unit"/> (also <see cref="Target"/> <c>unit</c>, the code as <see cref="Name"/>): that unit is
/// not engaged on the incident (inactive in the database, or the name became its alias after routing).
/// </summary>
public sealed record RoutingGap(string Target, string? Name, string RuleId, string RuleNameVi, string RuleNameEn, string RoutingVersion, string DirectoryVersion,
    string? Unit = null);
