namespace IncidentResponse.Contracts.Reports;

/// <summary>
/// The information system hit (Mẫu 03): its name, owner agency (chủ quản), operator (đơn vị vận
/// hành), security level 1–5 (cấp độ, NĐ 85/2016), connectivity provider (ISP) and security
/// service provider, public domains and IP addresses, services, operating system and purpose; <paramref name="Code"/> is
/// its code in the province's register of information systems when the report named one; <paramref name="NationalCritical"/>
/// whether it is on the national list of critical information systems (danh mục hệ thống thông tin quan trọng quốc gia), which
/// makes it important for the serious-incident test whatever its level (null: not known).
/// </summary>
public sealed record AffectedSystem(
    string? Name,
    string? OwnerAgency,
    string? Operator,
    int? SecurityLevel,
    string? Isp,
    string? SecurityProvider,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Ips,
    IReadOnlyList<string> Services,
    string? OperatingSystem,
    string? Purpose,
    string? Code = null,
    bool? NationalCritical = null);
