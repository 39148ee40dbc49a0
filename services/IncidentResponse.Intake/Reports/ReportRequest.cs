namespace IncidentResponse.Intake.Reports;

/// <summary>
/// The body of <c>POST /api/v1/reports</c>, as loose as JSON allows so that every mistake can be
/// reported against its field (see <see cref="ReportValidation"/>). <c>"drill": true</c> files an exercise (diễn tập);
/// <c>"incidentNumber"</c> files a follow-up under the incident of that number (docs/api.md says when); <c>"affectedSystem.code"</c>
/// names a system of the register, whose fields fill those the report leaves blank.
/// </summary>
public sealed record ReportRequest(
    string? Title,
    string? Description,
    string? Classification,
    string? Tlp,
    string? DetectedAt,
    ReportRequest.ReporterBody? Reporter,
    ReportRequest.ContactBody? Contact,
    ReportRequest.AffectedSystemBody? AffectedSystem,
    ReportRequest.ImpactBody? Impact,
    IReadOnlyList<ReportRequest.ObservableBody?>? Observables,
    string? CurrentStatus,
    string? DetectionMethod,
    IReadOnlyList<string?>? AlreadyNotified,
    IReadOnlyList<string?>? MeasuresInPlace,
    string? Recommendations,
    bool? LegalInitialReport,
    bool? Drill = null,
    string? IncidentNumber = null)
{
    public sealed record ReporterBody(string? Name, string? Organization, string? Email, string? Phone, string? Address);

    public sealed record ContactBody(string? Name, string? Position, string? Phone, string? Email);

    public sealed record AffectedSystemBody(
        string? Name,
        string? OwnerAgency,
        string? Operator,
        int? SecurityLevel,
        string? Isp,
        string? SecurityProvider,
        IReadOnlyList<string?>? Domains,
        IReadOnlyList<string?>? Ips,
        IReadOnlyList<string?>? Services,
        string? OperatingSystem,
        string? Purpose,
        string? Code = null,
        bool? NationalCritical = null);

    public sealed record ImpactBody(
        string? Functional, string? Information, string? Recoverability, bool? ServiceInterrupted, bool? OwnerCanHandle, bool? PersonalData,
        bool? NationalSecurityOrPublicOrder = null, bool? StateSecrets = null, bool? MaySpread = null);

    public sealed record ObservableBody(string? Type, string? Value);
}
