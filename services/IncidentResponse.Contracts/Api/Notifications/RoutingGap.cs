namespace IncidentResponse.Contracts.Api.Notifications;

/// <summary>
/// A routing rule that matches the incident and asks for its <c>owner</c> or <c>isp</c> (<see cref="Target"/>), which engages
/// nobody: the name the incident gives (<see cref="Name"/>) matches no unit or alias of the directory in force, or (the owner)
/// the incident names none. <c>GET /api/v1/incidents/{id}/routing-gaps</c>.
/// </summary>
public sealed record RoutingGap(string Target, string? Name, string RuleId, string RuleNameVi, string RuleNameEn, string RoutingVersion, string DirectoryVersion);
