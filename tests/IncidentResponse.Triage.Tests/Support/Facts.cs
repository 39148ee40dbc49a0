using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Testing;
using IncidentResponse.Triage.Policy;

namespace IncidentResponse.Triage.Tests.Support;

/// <summary>Report facts as a reporter would give them; anything not named is unknown.</summary>
public static class Facts
{
    public static TriageFacts Of(
        string classification,
        int? securityLevel = null,
        string? functional = null,
        string? information = null,
        string? recoverability = null,
        bool? serviceInterrupted = null,
        bool? ownerCanHandle = null,
        bool? personalData = null) =>
        new(classification, securityLevel, serviceInterrupted, ownerCanHandle, personalData, functional, information, recoverability, Serious: false);

    public static Assessment Assess(TriageFacts facts) => SeverityAssessor.Assess(facts, ShippedRules.Policy);

    public static IncidentReport Report(
        string classification = "availability:ddos",
        string? systemName = "Cổng Dịch vụ công tỉnh",
        IReadOnlyList<Observable>? observables = null,
        IReadOnlyList<string>? domains = null) =>
        new(
            Title: "DDoS vào cổng dịch vụ công",
            Description: "Lưu lượng bất thường, cổng không truy cập được",
            Classification: classification,
            Tlp: "AMBER",
            DetectedAt: SampleReports.DefaultDetectedAt,
            DetectedAtAssumed: false,
            Reporter: null,
            Contact: null,
            AffectedSystem: systemName is null && domains is null
                ? null
                : new AffectedSystem(systemName, "Văn phòng UBND tỉnh", null, 4, "VNPT", null, domains ?? [], [], [], null, null),
            Impact: new ImpactAssessment("high", "none", "supplemented", true, false, false),
            Observables: observables ?? [new Observable("ip", "198.51.100.7")],
            CurrentStatus: null,
            DetectionMethod: null,
            AlreadyNotified: [],
            MeasuresInPlace: [],
            Recommendations: null,
            IsLegalInitialReport: false);
}
