namespace IncidentResponse.Web.Pages.Reports;

/// <summary>
/// The initial-report form (Mẫu 03) as posted: one property per field, lists as one item per line.
/// Names follow the API's fields so that its errors land on the right input (<see cref="ReportForm.FieldOf"/>).
/// </summary>
public sealed class ReportInput
{
    public string? Title { get; set; }

    public string? Description { get; set; }

    public string? Classification { get; set; }

    public string? Tlp { get; set; }

    /// <summary>Local time in Vietnam, as a <c>datetime-local</c> input gives it (<c>2026-11-25T10:00</c>).</summary>
    public string? DetectedAt { get; set; }

    public string? ReporterName { get; set; }

    public string? ReporterOrganization { get; set; }

    public string? ReporterEmail { get; set; }

    public string? ReporterPhone { get; set; }

    public string? ReporterAddress { get; set; }

    public string? ContactName { get; set; }

    public string? ContactPosition { get; set; }

    public string? ContactPhone { get; set; }

    public string? ContactEmail { get; set; }

    /// <summary>A system of the register (<c>/api/v1/systems</c>): its fields fill those left blank.</summary>
    public string? SystemCode { get; set; }

    public string? SystemName { get; set; }

    /// <summary>On the national list of critical information systems (only "yes" is sent; unticked: not known).</summary>
    public bool SystemNationalCritical { get; set; }

    public string? SystemOwnerAgency { get; set; }

    public string? SystemOperator { get; set; }

    public int? SystemSecurityLevel { get; set; }

    public string? SystemIsp { get; set; }

    public string? SystemSecurityProvider { get; set; }

    public string? SystemDomains { get; set; }

    public string? SystemIps { get; set; }

    public string? SystemServices { get; set; }

    public string? SystemOperatingSystem { get; set; }

    public string? SystemPurpose { get; set; }

    public string? ImpactFunctional { get; set; }

    public string? ImpactInformation { get; set; }

    public string? ImpactRecoverability { get; set; }

    public bool ServiceInterrupted { get; set; }

    /// <summary><c>yes</c>, <c>no</c> or empty (not known).</summary>
    public string? OwnerCanHandle { get; set; }

    public bool PersonalData { get; set; }

    /// <summary>Ticked: the incident may harm national security or public order; not ticked: not known.</summary>
    public bool NationalSecurityOrPublicOrder { get; set; }

    /// <summary>State secrets may have been disclosed: <c>yes</c>, <c>no</c> or empty (not known).</summary>
    public string? StateSecrets { get; set; }

    /// <summary>Likely to spread to other level 4–5 systems: <c>yes</c>, <c>no</c> or empty (not known).</summary>
    public string? MaySpread { get; set; }

    /// <summary>One observable a line: <c>ip: 203.0.113.7</c>.</summary>
    public string? Observables { get; set; }

    public string? CurrentStatus { get; set; }

    public string? DetectionMethod { get; set; }

    public string? AlreadyNotified { get; set; }

    public string? MeasuresInPlace { get; set; }

    public string? Recommendations { get; set; }

    public bool LegalInitialReport { get; set; }

    /// <summary>An exercise (diễn tập): the incident reaches only exercise contacts and starts no legal duty.</summary>
    public bool Drill { get; set; }

    /// <summary>A follow-up's incident (<c>SC-2026-00042</c>): the report is filed under it (docs/api.md says when).</summary>
    public string? IncidentNumber { get; set; }
}
