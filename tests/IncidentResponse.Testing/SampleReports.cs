using IncidentResponse.Contracts.Reports;

namespace IncidentResponse.Testing;

/// <summary>Reports as partner agencies file them. Each call names its own system so tests do not correlate by accident.</summary>
public static class SampleReports
{
    /// <summary>
    /// When the sample attack was detected: 10:00 in Bắc Ninh seven days before the test run (fixed for the
    /// run). Relative, because intake refuses a detection more than 30 days back: a fixed date would turn
    /// every test that files a report red a month later.
    /// </summary>
    public static DateTimeOffset DefaultDetectedAt { get; } =
        new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddDays(-7).AddHours(3), TimeSpan.Zero).ToOffset(TimeSpan.FromHours(7));

    /// <summary><see cref="DefaultDetectedAt"/> as a report's <c>detectedAt</c> (ISO 8601 with the +07:00 offset).</summary>
    public static string DefaultDetectedAtText { get; } = DefaultDetectedAt.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    public static object Ddos(
        string system,
        bool ownerCanHandle = false,
        string? detectedAt = null,
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
            detectedAt = detectedAt ?? DefaultDetectedAtText,
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
        DefaultDetectedAt, // relative: a fixed date would fall behind triage's look-back bound a month later
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
