using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>Requests as partner agencies send them; tests change one thing at a time with <c>with</c>.</summary>
public static class Requests
{
    /// <summary>The committee's clock in the tests: two hours after the sample detection time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.FromHours(7));

    public static ReportRequest.AffectedSystemBody System { get; } = new(
        Name: "Cổng Dịch vụ công tỉnh",
        OwnerAgency: "Văn phòng UBND tỉnh",
        Operator: "Trung tâm Phục vụ hành chính công",
        SecurityLevel: 4,
        Isp: "VNPT",
        SecurityProvider: null,
        Domains: ["dichvucong.example.invalid"],
        Ips: ["203.0.113.10"],
        Services: ["web"],
        OperatingSystem: null,
        Purpose: null);

    public static ReportRequest.ImpactBody Impact { get; } = new("high", "none", "supplemented", ServiceInterrupted: true, OwnerCanHandle: false, PersonalData: false);

    /// <summary>The DDoS report of the end-to-end check: valid as it stands.</summary>
    public static ReportRequest Ddos { get; } = new(
        Title: "DDoS vào Cổng Dịch vụ công",
        Description: "Lưu lượng bất thường, cổng không truy cập được",
        Classification: "availability:ddos",
        Tlp: "AMBER",
        DetectedAt: "2026-11-25T10:00:00+07:00",
        Reporter: new ReportRequest.ReporterBody("Nguyễn Văn A", "Trung tâm Hành chính công", "a@example.invalid", "0900000000", null),
        Contact: null,
        AffectedSystem: System,
        Impact: Impact,
        Observables: [new ReportRequest.ObservableBody("ip", "198.51.100.7")],
        CurrentStatus: null,
        DetectionMethod: null,
        AlreadyNotified: null,
        MeasuresInPlace: null,
        Recommendations: null,
        LegalInitialReport: null);
}
