using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Testing;

/// <summary>Reports as partner agencies file them. Each call names its own system so tests do not correlate by accident.</summary>
public static class SampleReports
{
    public static object Ddos(
        string system,
        bool ownerCanHandle = false,
        string detectedAt = "2026-11-25T10:00:00+07:00",
        string observable = "198.51.100.7",
        int securityLevel = 4,
        string tlp = "AMBER",
        bool personalData = false,
        string classification = "availability:ddos",
        string isp = "VNPT",
        bool? nationalSecurityOrPublicOrder = null) => new
        {
            title = $"DDoS vào {system}",
            description = "Lưu lượng bất thường, cổng không truy cập được",
            classification,
            detectedAt,
            tlp,
            reporter = new { name = "Nguyễn Văn A", organization = "Trung tâm Hành chính công", email = "a@example.invalid", phone = "0900000000" },
            affectedSystem = new
            {
                name = system,
                ownerAgency = "Văn phòng UBND tỉnh",
                securityLevel,
                isp,
                domains = new[] { "dichvucong.example.invalid" },
                ips = new[] { "203.0.113.10" },
            },
            impact = new
            {
                functional = "high",
                information = "none",
                recoverability = "supplemented",
                serviceInterrupted = true,
                ownerCanHandle,
                personalData,
                nationalSecurityOrPublicOrder,
            },
            observables = new[] { new { type = "ip", value = observable } },
        };

    /// <summary>The same report as intake announces it after validation.</summary>
    public static IncidentReport DdosAsAnnounced(string system, bool ownerCanHandle = false) => new(
        $"DDoS vào {system}",
        "Lưu lượng bất thường, cổng không truy cập được",
        "availability:ddos",
        "AMBER",
        DateTimeOffset.Parse("2026-11-25T10:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture),
        DetectedAtAssumed: false,
        new Reporter("Nguyễn Văn A", "Trung tâm Hành chính công", "a@example.invalid", "0900000000", null),
        Contact: null,
        new AffectedSystem(system, "Văn phòng UBND tỉnh", null, 4, "VNPT", null, ["dichvucong.example.invalid"], ["203.0.113.10"], [], null, null),
        new ImpactAssessment("high", "none", "supplemented", true, ownerCanHandle, false),
        [new Observable("ip", "198.51.100.7")],
        CurrentStatus: null,
        DetectionMethod: null,
        AlreadyNotified: [],
        MeasuresInPlace: [],
        Recommendations: null,
        IsLegalInitialReport: false);
}
