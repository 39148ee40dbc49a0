using System.Text;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>The correlation key of the shipped policy: classification, affected system, main observable.</summary>
public sealed class FingerprintTests
{
    private static readonly CorrelationPolicy Correlation = ShippedRules.Policy.Correlation;

    private static string Of(IncidentReport report) => Fingerprint.Of(report, Correlation, Guid.NewGuid());

    [Fact]
    public void The_shipped_policy_correlates_by_classification_system_and_main_observable()
    {
        Assert.Equal(["classification", "affectedSystem", "mainObservable"], Correlation.Key);
        Assert.Equal(TimeSpan.FromHours(24), Correlation.WindowSpan);
    }

    [Fact]
    public void A_drill_and_a_real_report_of_the_same_event_have_different_fingerprints()
    {
        var real = Of(Facts.Report());
        var drill = Of(Facts.Report() with { Drill = true });

        Assert.NotEqual(real, drill);
        Assert.Equal(drill, Of(Facts.Report() with { Drill = true }));
    }

    [Fact]
    public void The_same_report_sent_twice_has_the_same_fingerprint()
    {
        var first = Of(Facts.Report());
        var second = Of(Facts.Report());

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
    }

    [Fact]
    public void A_different_main_observable_makes_a_different_fingerprint()
    {
        var first = Of(Facts.Report(observables: [new Observable("ip", "198.51.100.7")]));
        var second = Of(Facts.Report(observables: [new Observable("ip", "198.51.100.8")]));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Only_the_first_observable_is_part_of_the_fingerprint()
    {
        var first = Of(Facts.Report(observables: [new Observable("ip", "198.51.100.7"), new Observable("domain", "a.example.invalid")]));
        var second = Of(Facts.Report(observables: [new Observable("ip", "198.51.100.7"), new Observable("domain", "b.example.invalid")]));

        Assert.Equal(first, second);
    }

    [Fact]
    public void A_different_classification_makes_a_different_fingerprint()
    {
        var ddos = Of(Facts.Report(classification: "availability:ddos"));
        var outage = Of(Facts.Report(classification: "availability:outage"));

        Assert.NotEqual(ddos, outage);
    }

    [Fact]
    public void A_different_system_makes_a_different_fingerprint() =>
        Assert.NotEqual(Of(Facts.Report(systemName: "Cổng Dịch vụ công tỉnh")), Of(Facts.Report(systemName: "Hệ thống thư điện tử tỉnh")));

    [Theory]
    [InlineData("cổng dịch vụ công tỉnh")]
    [InlineData("  CỔNG DỊCH VỤ CÔNG TỈNH\t")]
    [InlineData("Cổng Dịch Vụ Công Tỉnh ")]
    public void Case_and_surrounding_spaces_in_the_system_name_do_not_matter(string name) =>
        Assert.Equal(Of(Facts.Report(systemName: "Cổng Dịch vụ công tỉnh")), Of(Facts.Report(systemName: name)));

    [Fact]
    public void Composed_and_decomposed_Vietnamese_letters_give_the_same_fingerprint()
    {
        var composed = "Cổng Dịch vụ công tỉnh".Normalize(NormalizationForm.FormC);
        var decomposed = composed.Normalize(NormalizationForm.FormD);

        Assert.NotEqual(composed, decomposed);
        Assert.Equal(Of(Facts.Report(systemName: composed)), Of(Facts.Report(systemName: decomposed)));
    }

    [Fact]
    public void Case_of_the_main_observable_does_not_matter() =>
        Assert.Equal(
            Of(Facts.Report(observables: [new Observable("domain", "Evil.Example.invalid")])),
            Of(Facts.Report(observables: [new Observable("domain", " evil.example.INVALID ")])));

    [Fact]
    public void A_system_without_a_name_is_known_by_its_first_domain()
    {
        var first = Of(Facts.Report(systemName: null, domains: ["dichvucong.example.invalid"]));
        var second = Of(Facts.Report(systemName: "", domains: ["DICHVUCONG.example.invalid", "other.example.invalid"]));

        Assert.Equal(first, second);
        Assert.NotEqual(first, Of(Facts.Report(systemName: null, domains: ["other.example.invalid"])));
    }

    [Fact]
    public void A_report_naming_only_its_class_gets_a_fingerprint_of_its_own()
    {
        var report = Facts.Report(systemName: null, observables: []);
        var reportId = Guid.NewGuid();

        var fingerprint = Fingerprint.Of(report, Correlation, reportId);

        Assert.Equal("report:" + reportId.ToString("N"), fingerprint);
        Assert.NotEqual(fingerprint, Fingerprint.Of(report, Correlation, Guid.NewGuid()));
        Assert.Equal(fingerprint, Fingerprint.Of(report, Correlation, reportId));
    }

    [Fact]
    public void An_affected_system_with_nothing_named_counts_as_not_named()
    {
        var report = Facts.Report(systemName: " ", observables: []);
        var reportId = Guid.NewGuid();

        Assert.Equal("report:" + reportId.ToString("N"), Fingerprint.Of(report, Correlation, reportId));
    }

    [Fact]
    public void An_unknown_key_part_is_refused_with_its_name()
    {
        var policy = new CorrelationPolicy { Key = ["classification", "reporter"] };

        var error = Assert.Throws<InvalidDataException>(() => Fingerprint.Of(Facts.Report(), policy, Guid.NewGuid()));
        Assert.Contains("'reporter'", error.Message, StringComparison.Ordinal);
    }
}
