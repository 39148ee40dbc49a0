using IncidentResponse.Intake.Reports;

namespace IncidentResponse.Intake.Tests.Reports;

/// <summary>Every mistake is reported against the path of its field, and all of them at once.</summary>
public sealed class ReportErrorTests
{
    private static Dictionary<string, string[]> Errors(ReportRequest request)
    {
        var (report, errors) = ReportValidation.Validate(request, Requests.Now);
        Assert.Null(report);
        Assert.NotEmpty(errors);
        return errors;
    }

    private static void OnlyError(ReportRequest request, string field, string? messagePart = null)
    {
        var errors = Errors(request);
        Assert.Equal([field], errors.Keys);
        if (messagePart is not null)
        {
            Assert.Contains(errors[field], m => m.Contains(messagePart, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_title_is_required(string? title) => OnlyError(Requests.Ddos with { Title = title }, "title", "required");

    [Theory]
    [InlineData(null)]
    [InlineData(" \t ")]
    public void A_description_is_required(string? description) => OnlyError(Requests.Ddos with { Description = description }, "description", "required");

    [Fact]
    public void A_title_longer_than_the_limit_is_refused() =>
        OnlyError(Requests.Ddos with { Title = new string('x', ReportValidation.MaxTitle + 1) }, "title", $"at most {ReportValidation.MaxTitle}");

    [Theory]
    [InlineData("nope:nope")]
    [InlineData("availability")]
    [InlineData("availability:ddos:extra")]
    [InlineData("availability:phishing")]
    public void A_classification_outside_RSIT_is_refused(string classification) =>
        OnlyError(Requests.Ddos with { Classification = classification }, "classification", "RSIT");

    [Theory]
    [InlineData("PURPLE")]
    [InlineData("TLP:")]
    [InlineData("")]
    public void An_unknown_sharing_label_is_refused(string tlp) => OnlyError(Requests.Ddos with { Tlp = tlp }, "tlp", "AMBER+STRICT");

    [Theory]
    [InlineData("not a date")]
    [InlineData("2026-11-25T10:00:00")]
    [InlineData("2026-11-25")]
    [InlineData("25/11/2026 10:00 +07:00")]
    [InlineData("2026-11-25T10:00:00+0700")]
    public void A_detection_time_that_is_not_ISO_with_an_offset_is_refused(string detectedAt) =>
        OnlyError(Requests.Ddos with { DetectedAt = detectedAt }, "detectedAt", "offset");

    [Theory]
    [InlineData("2026-11-25T12:05:01+07:00")]
    [InlineData("2026-11-26T09:00:00+07:00")]
    [InlineData("2026-11-25T05:06:00Z")]
    public void A_detection_time_in_the_future_is_refused(string detectedAt) =>
        OnlyError(Requests.Ddos with { DetectedAt = detectedAt }, "detectedAt", "future");

    [Theory]
    [InlineData("2026-10-26T11:59:00+07:00")]
    [InlineData("2025-11-25T12:00:00+07:00")]
    public void A_detection_time_more_than_30_days_before_the_report_is_refused(string detectedAt) =>
        OnlyError(Requests.Ddos with { DetectedAt = detectedAt }, "detectedAt", "30 days");

    [Fact]
    public void The_detection_bounds_are_settings()
    {
        var (report, _) = ReportValidation.Validate(Requests.Ddos with { DetectedAt = "2026-10-26T11:59:00+07:00" }, Requests.Now,
            new DetectionBounds(TimeSpan.FromDays(60), TimeSpan.FromMinutes(5)));
        Assert.NotNull(report);
        var (late, errors) = ReportValidation.Validate(Requests.Ddos with { DetectedAt = "2026-11-20T12:00:00+07:00" }, Requests.Now,
            new DetectionBounds(TimeSpan.FromDays(1), TimeSpan.FromMinutes(5)));
        Assert.Null(late);
        Assert.Contains("detectedAt", errors.Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void A_security_level_outside_1_to_5_is_refused(int level) =>
        OnlyError(Requests.Ddos with { AffectedSystem = Requests.System with { SecurityLevel = level } }, "affectedSystem.securityLevel", "1 to 5");

    [Theory]
    [InlineData("not-an-ip")]
    [InlineData("203.0.113.300")]
    [InlineData("203.0.113.10/24")]
    public void A_bad_address_of_the_system_is_named_by_its_index(string ip) =>
        OnlyError(Requests.Ddos with { AffectedSystem = Requests.System with { Ips = ["203.0.113.10", ip] } }, "affectedSystem.ips[1]", "not an IP address");

    [Fact]
    public void An_empty_address_in_the_list_is_named_by_its_index() =>
        OnlyError(Requests.Ddos with { AffectedSystem = Requests.System with { Ips = ["203.0.113.10", "2001:db8::1", " "] } }, "affectedSystem.ips[2]", "required");

    [Fact]
    public void A_bad_domain_of_the_system_is_named_by_its_index() =>
        OnlyError(Requests.Ddos with { AffectedSystem = Requests.System with { Domains = ["dichvucong.example.invalid", "not a domain"] } }, "affectedSystem.domains[1]");

    [Theory]
    [InlineData("ipv4")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_observable_type_is_named_by_its_index(string? type) =>
        OnlyError(Requests.Ddos with { Observables = [new ReportRequest.ObservableBody(type, "198.51.100.7")] }, "observables[0].type", "one of");

    [Theory]
    [InlineData("dichvucong.example.invalid")]
    [InlineData("999.51.100.7")]
    [InlineData("198.51.100.7:443")]
    public void An_ip_observable_must_hold_an_address(string value) =>
        OnlyError(Requests.Ddos with { Observables = [new ReportRequest.ObservableBody("domain", "a.example.invalid"), new ReportRequest.ObservableBody("ip", value)] },
            "observables[1].value", "not an IP address");

    [Fact]
    public void An_observable_needs_a_value() =>
        OnlyError(Requests.Ddos with { Observables = [new ReportRequest.ObservableBody("hash", "  ")] }, "observables[0].value", "required");

    [Fact]
    public void A_null_observable_is_named_by_its_index() =>
        OnlyError(Requests.Ddos with { Observables = [new ReportRequest.ObservableBody("ip", "198.51.100.7"), null] }, "observables[1].type");

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@")]
    [InlineData("@example.invalid")]
    public void A_bad_reporter_email_is_refused(string email) =>
        OnlyError(Requests.Ddos with { Reporter = new ReportRequest.ReporterBody("Nguyễn Văn A", null, email, null, null) }, "reporter.email", "e-mail");

    [Fact]
    public void A_bad_reporter_phone_is_refused() =>
        OnlyError(Requests.Ddos with { Reporter = new ReportRequest.ReporterBody("Nguyễn Văn A", null, null, "call me", null) }, "reporter.phone");

    [Theory]
    [InlineData("huge", null, null, "impact.functional")]
    [InlineData(null, "secret", null, "impact.information")]
    [InlineData(null, null, "never", "impact.recoverability")]
    public void An_impact_outside_its_scale_is_refused(string? functional, string? information, string? recoverability, string field) =>
        OnlyError(Requests.Ddos with { Impact = new ReportRequest.ImpactBody(functional, information, recoverability, null, null, null) }, field, "one of");

    [Fact]
    public void A_current_status_outside_the_form_is_refused() =>
        OnlyError(Requests.Ddos with { CurrentStatus = "maybe" }, "currentStatus", "handled, not-handled");

    [Fact]
    public void Several_mistakes_are_reported_at_once()
    {
        var request = Requests.Ddos with
        {
            Title = " ",
            Classification = "nope:nope",
            Tlp = "PURPLE",
            DetectedAt = "not a date",
            AffectedSystem = Requests.System with { SecurityLevel = 6, Ips = ["203.0.113.10", "bad"] },
            Impact = Requests.Impact with { Functional = "huge" },
            Observables = [new ReportRequest.ObservableBody("ipv4", "198.51.100.7")],
            Reporter = new ReportRequest.ReporterBody(null, null, "not-an-email", null, null),
        };

        var errors = Errors(request);

        Assert.Equal(
            ["affectedSystem.ips[1]", "affectedSystem.securityLevel", "classification", "detectedAt", "impact.functional", "observables[0].type", "reporter.email", "title", "tlp"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(errors.Values, messages => Assert.All(messages, m => Assert.Contains(" / ", m, StringComparison.Ordinal)));
    }
}
