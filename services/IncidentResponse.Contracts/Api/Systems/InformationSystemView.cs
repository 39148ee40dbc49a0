namespace IncidentResponse.Contracts.Api.Systems;

/// <summary>
/// One information system of the province's register (danh mục hệ thống thông tin, <c>/api/v1/systems</c>): what a report
/// naming its <see cref="Code"/> is filled with (the Mẫu 03 fields of the affected system), the approved security level
/// (cấp độ, NĐ 85/2016) and the decision that approved it, whether it is on the national critical list, and who changed it last.
/// </summary>
public sealed record InformationSystemView(
    string Code,
    string Name,
    string? OwnerAgency,
    string? Operator,
    int? SecurityLevel,
    string? LevelApproval,
    string? Isp,
    string? SecurityProvider,
    IReadOnlyList<string> Domains,
    IReadOnlyList<string> Ips,
    IReadOnlyList<string> Services,
    string? OperatingSystem,
    string? Purpose,
    bool Active,
    DateTimeOffset UpdatedAt,
    string UpdatedBy,
    int Version,
    bool NationalCritical = false);
