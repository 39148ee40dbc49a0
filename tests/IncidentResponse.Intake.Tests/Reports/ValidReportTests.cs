using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>A valid request becomes a report with normalised values and the documented defaults.</summary>
public sealed class ValidReportTests
{
    private static Contracts.Reports.IncidentReport Valid(ReportRequest request)
    {
        var (report, errors) = ReportValidation.Validate(request, Requests.Now);
        Assert.Empty(errors);
        return Assert.IsType<Contracts.Reports.IncidentReport>(report);
    }

    [Fact]
    public void The_ddos_report_of_the_check_is_valid_as_sent()
    {
        var report = Valid(Requests.Ddos);

        Assert.Equal("DDoS vào Cổng Dịch vụ công", report.Title);
        Assert.Equal("availability:ddos", report.Classification);
        Assert.Equal("AMBER", report.Tlp);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7)), report.DetectedAt);
        Assert.Equal(TimeSpan.FromHours(7), report.DetectedAt.Offset);
        Assert.False(report.DetectedAtAssumed);
        var system = Assert.IsType<Contracts.Reports.AffectedSystem>(report.AffectedSystem);
        Assert.Equal(("Cổng Dịch vụ công tỉnh", "Văn phòng UBND tỉnh", 4, "VNPT"), (system.Name, system.OwnerAgency, system.SecurityLevel, system.Isp));
        Assert.Equal(["dichvucong.example.invalid"], system.Domains);
        Assert.Equal(["203.0.113.10"], system.Ips);
        Assert.Equal(new Contracts.Reports.ImpactAssessment("high", "none", "supplemented", true, false, false), report.Impact);
        Assert.Equal([new Contracts.Reports.Observable("ip", "198.51.100.7")], report.Observables);
        Assert.Equal("a@example.invalid", report.Reporter?.Email);
        Assert.False(report.IsLegalInitialReport);
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public void A_report_is_a_drill_only_when_it_says_drill_true(bool? drill, bool expected)
    {
        Assert.Equal(expected, Valid(Requests.Ddos with { Drill = drill }).Drill);
    }

    [Fact]
    public void Values_are_trimmed_and_brought_to_their_canonical_spelling()
    {
        var request = Requests.Ddos with
        {
            Title = "  DDoS vào Cổng Dịch vụ công \n",
            Classification = " availability:ddos ",
            Tlp = " tlp:amber+strict ",
            DetectedAt = " 2026-11-25T03:00:00Z ",
            AffectedSystem = Requests.System with { Name = " Cổng Dịch vụ công tỉnh ", Ips = [" 203.0.113.10 "] },
            Impact = new ReportRequest.ImpactBody(" HIGH ", "None", "Not-Recoverable", null, null, null),
            Observables = [new ReportRequest.ObservableBody(" IP ", " 198.51.100.7 "), new ReportRequest.ObservableBody("Domain", "evil.example.invalid")],
            CurrentStatus = "Not-Handled",
            DetectionMethod = " IDS ",
        };

        var report = Valid(request);

        Assert.Equal("DDoS vào Cổng Dịch vụ công", report.Title);
        Assert.Equal("availability:ddos", report.Classification);
        Assert.Equal("AMBER+STRICT", report.Tlp);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7)), report.DetectedAt);
        Assert.Equal("Cổng Dịch vụ công tỉnh", report.AffectedSystem?.Name);
        Assert.Equal(["203.0.113.10"], report.AffectedSystem?.Ips);
        Assert.Equal(new Contracts.Reports.ImpactAssessment("high", "none", "not-recoverable", null, null, null), report.Impact);
        Assert.Equal([new Contracts.Reports.Observable("ip", "198.51.100.7"), new Contracts.Reports.Observable("domain", "evil.example.invalid")], report.Observables);
        Assert.Equal(("not-handled", "ids"), (report.CurrentStatus, report.DetectionMethod));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_report_without_classification_is_undetermined(string? classification) =>
        Assert.Equal("other:undetermined", Valid(Requests.Ddos with { Classification = classification }).Classification);

    [Theory]
    [InlineData(null, "AMBER")]
    [InlineData("tlp:white", "CLEAR")]
    [InlineData("WHITE", "CLEAR")]
    [InlineData("clear", "CLEAR")]
    [InlineData("TLP:RED", "RED")]
    [InlineData("green", "GREEN")]
    public void The_sharing_label_defaults_to_amber_and_reads_old_and_prefixed_names(string? tlp, string expected) =>
        Assert.Equal(expected, Valid(Requests.Ddos with { Tlp = tlp }).Tlp);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_detection_time_the_time_of_receipt_is_assumed(string? detectedAt)
    {
        var report = Valid(Requests.Ddos with { DetectedAt = detectedAt });

        Assert.Equal(Requests.Now, report.DetectedAt);
        Assert.True(report.DetectedAtAssumed);
    }

    [Theory]
    [InlineData("2026-11-25T10:00+07:00", 0)]
    [InlineData("2026-11-25T10:00:00.1234567+07:00", 1_234_567)]
    [InlineData("2026-11-25T03:00:00Z", 0)]
    [InlineData("2026-11-25T03:00:00.5Z", 5_000_000)]
    public void Detection_times_in_the_accepted_ISO_forms_are_read(string detectedAt, long extraTicks) =>
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.FromHours(7)).AddTicks(extraTicks), Valid(Requests.Ddos with { DetectedAt = detectedAt }).DetectedAt);

    [Fact]
    public void A_detection_time_within_five_minutes_of_now_is_allowed_for_clock_skew()
    {
        var report = Valid(Requests.Ddos with { DetectedAt = "2026-11-25T12:05:00+07:00" });

        Assert.Equal(Requests.Now.AddMinutes(5), report.DetectedAt);
    }

    [Theory]
    [InlineData("[TBSC] DDoS vào Cổng Dịch vụ công", null, true)]
    [InlineData("  [tbsc] DDoS vào Cổng Dịch vụ công", null, true)]
    [InlineData("DDoS vào Cổng Dịch vụ công [TBSC]", null, false)]
    [InlineData("DDoS vào Cổng Dịch vụ công", null, false)]
    [InlineData("DDoS vào Cổng Dịch vụ công", true, true)]
    [InlineData("[TBSC] DDoS vào Cổng Dịch vụ công", false, false)]
    public void A_title_starting_with_TBSC_marks_a_legal_initial_report_unless_said_otherwise(string title, bool? legal, bool expected) =>
        Assert.Equal(expected, Valid(Requests.Ddos with { Title = title, LegalInitialReport = legal }).IsLegalInitialReport);

    [Fact]
    public void Missing_optional_parts_stay_empty()
    {
        var report = Valid(new ReportRequest("Quét cổng", "Phát hiện quét cổng", null, null, null, null, null, null, null, null, null, null, null, null, null, null));

        Assert.Null(report.AffectedSystem);
        Assert.Null(report.Reporter);
        Assert.Equal(new Contracts.Reports.ImpactAssessment(null, null, null, null, null, null), report.Impact);
        Assert.Empty(report.Observables);
        Assert.Empty(report.AlreadyNotified);
    }
}
