namespace IncidentResponse.Contracts.Reports;

/// <summary>Who reports (Mẫu 03: tên, địa chỉ, điện thoại, thư điện tử của người báo cáo).</summary>
public sealed record Reporter(string? Name, string? Organization, string? Email, string? Phone, string? Address);
