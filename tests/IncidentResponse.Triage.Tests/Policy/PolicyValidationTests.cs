using IncidentResponse.Triage.Policy;
using IncidentResponse.Triage.Tests.Support;

namespace IncidentResponse.Triage.Tests.Policy;

/// <summary>A committee member's mistake in a policy file stops the start, with a message naming it.</summary>
public sealed class PolicyValidationTests
{
    private static readonly string Shipped = File.ReadAllText(ShippedRules.PolicyFile);

    /// <summary>The shipped policy with one piece of text replaced; fails when the piece is not there, so the test cannot go stale.</summary>
    private static string ShippedWith(string original, string replacement)
    {
        Assert.Contains(original, Shipped, StringComparison.Ordinal);
        return Shipped.Replace(original, replacement, StringComparison.Ordinal);
    }

    private static InvalidDataException Refused(string policyText)
    {
        using var rules = TempDirectory.WithRules(policyText);
        return Assert.Throws<InvalidDataException>(() => ShippedRules.Load(rules.Path));
    }

    [Fact]
    public void The_shipped_rules_load()
    {
        var book = ShippedRules.Load(ShippedRules.Directory);

        Assert.Equal(["2026.1", "2026.2", "2026.3"], book.Policies.Select(p => p.Content.Version));
        Assert.Equal("triage-policy-2026.1.yaml", book.Policies[0].FileName);
        Assert.Equal("2026.6", book.Regimes.Version);
        Assert.Equal(["vn-2017", "vn-2026-07"], book.Regimes.Regimes.Select(r => r.Id));
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(7)), book.Policies[0].Content.EffectiveFromTime);
    }

    [Fact]
    public void The_periodic_reports_fall_due_when_their_day_begins_in_Vietnam_and_a_bad_day_is_refused()
    {
        var book = ShippedRules.Load(ShippedRules.Directory);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

        Assert.Equal(["mau-05-half-year", "mau-05-year"], book.Regimes.PeriodicReports.Select(p => p.Id));
        Assert.Equal(new DateTimeOffset(2027, 6, 19, 17, 0, 0, TimeSpan.Zero), book.Regimes.PeriodicReports[0].DueIn(2027, zone));
        Assert.Equal((1, (int?)null), (book.Regimes.PeriodicReports[0].Half!.Value, book.Regimes.PeriodicReports[1].Half));

        var regimes = new LegalRegimes
        {
            Version = "test", Regimes = book.Regimes.Regimes,
            PeriodicReports = [.. book.Regimes.PeriodicReports, new PeriodicReportRule { Id = "mau-05-year", Due = "02-30", Half = 3 }],
        };
        var error = Assert.Throws<InvalidDataException>(regimes.Validate);
        Assert.Contains("periodic report mau-05-year: due must be a day of the year, MM-dd", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year: half must be 1, 2 or absent", error.Message, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year is listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_the_shipped_policy_loads_from_another_directory()
    {
        using var rules = TempDirectory.WithRules(Shipped);

        var book = ShippedRules.Load(rules.Path);

        Assert.Equal(Shipped, book.Policies[0].Text);
        Assert.Equal(4, book.Policies[0].Content.Rules.Count);
    }

    [Fact]
    public void An_unknown_factor_name_is_refused()
    {
        var error = Refused(ShippedWith("    serviceInterrupted:\n      weight: 10", "    downtime:\n      weight: 10"));

        Assert.Contains("triage policy 2026.1", error.Message, StringComparison.Ordinal);
        Assert.Contains("scoring.factors.downtime is not a factor", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rule_without_at_least_or_at_most_is_refused()
    {
        var error = Refused(ShippedWith("    when: { classes: [test] }\n    atMost: 0\n", "    when: { classes: [test] }\n"));

        Assert.Contains("rule drill-never-pages needs atLeast or atMost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_RSIT_classification_in_a_rule_is_refused()
    {
        var error = Refused(ShippedWith("        - availability:sabotage\n", "        - availability:sabotge\n"));

        Assert.Contains("rule compromise-or-ransomware-on-important-system: availability:sabotge is not an RSIT class:type", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24 hours")]
    [InlineData("PT24X")]
    [InlineData("-2h")]
    public void A_bad_correlation_window_is_refused(string window)
    {
        var error = Refused(ShippedWith("  window: PT24H\n", $"  window: \"{window}\"\n"));

        Assert.Contains("correlation.window", error.Message, StringComparison.Ordinal);
        Assert.Contains(window, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_mistakes_are_reported_in_one_message()
    {
        var text = ShippedWith("  window: PT24H\n", "  window: soon\n")
            .Replace("    atMost: 0\n", "", StringComparison.Ordinal);

        var error = Refused(text);

        Assert.Contains("correlation.window", error.Message, StringComparison.Ordinal);
        Assert.Contains("rule drill-never-pages needs atLeast or atMost", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_key_is_refused_naming_the_file_and_line()
    {
        var error = Refused(ShippedWith("    atLeast: 2\n", "    atleast: 2\n"));

        Assert.Contains("triage-policy-2026.1.yaml line ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_files_with_the_same_version_are_refused()
    {
        using var rules = TempDirectory.WithRules(Shipped);
        rules.Write("triage-policy-2026.1-copy.yaml", Shipped.Replace("effectiveFrom: \"2026-01-01", "effectiveFrom: \"2026-02-01", StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => ShippedRules.Load(rules.Path));

        Assert.Contains("triage policy version 2026.1 is in more than one file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_policy_version_applies_from_its_own_date()
    {
        using var rules = TempDirectory.WithRules(Shipped);
        rules.Write("triage-policy-2027.1.yaml", Shipped
            .Replace("version: \"2026.1\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: \"2026-01-01T00:00:00+07:00\"", "effectiveFrom: \"2027-01-01T00:00:00+07:00\"", StringComparison.Ordinal));

        var book = ShippedRules.Load(rules.Path);

        Assert.Equal("2026.1", book.PolicyAt(new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.FromHours(7))).Version);
        Assert.Equal("2027.1", book.PolicyAt(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(7))).Version);
        Assert.Throws<InvalidOperationException>(() => book.PolicyAt(new DateTimeOffset(2025, 12, 31, 16, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void A_rules_directory_without_legal_regimes_is_refused()
    {
        using var rules = new TempDirectory();
        rules.Write("triage-policy-2026.1.yaml", Shipped);

        var error = Assert.Throws<InvalidDataException>(() => ShippedRules.Load(rules.Path));

        Assert.Contains("exactly one legal-regimes*.yaml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_rules_directory_is_named()
    {
        var missing = Path.Combine(Path.GetTempPath(), "ir-no-such-rules-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<DirectoryNotFoundException>(() => ShippedRules.Load(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
