namespace IncidentResponse.Contracts.Reports;

/// <summary>A typed indicator: ip, domain, url, hash, email, hostname, asn, file or other.</summary>
public sealed record Observable(string Type, string Value);
