using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// Codes the co-hosted roles' rules name (escalation policies and schedules, the periodic reports' rules) are checked at start
/// against the partner directory: a typo in a new rules version is reported by <c>/health/ready</c> and the log when it is
/// deployed, without taking the Host out of service.
/// </summary>
public sealed class RuleReferenceTests
{
    [Fact]
    public async Task The_shipped_rules_name_only_units_and_people_of_the_directory()
    {
        using var data = new TempDirectory();
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path));

        var (status, check) = await RuleReferencesAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("every unit and person the rules name is in the directory", check);
    }

    [Fact]
    public async Task A_Host_that_does_not_migrate_checks_too_and_a_unit_of_a_future_directory_version_is_known()
    {
        using var data = new TempDirectory();
        using var rules = CopyOfShippedRules();
        var directory = await File.ReadAllTextAsync(Path.Combine(rules.Path, "directory-2026.2.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(rules.Path, "directory-2027.1.yaml"), directory
            .Replace("version: \"2026.2\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: 2026-12-03T00:00:00+07:00", "effectiveFrom: 2027-01-01T00:00:00+07:00", StringComparison.Ordinal)
            .Replace("  - code: skhcn-bn\n", """
                  - code: so-khcn
                    nameVi: Sở mới (thử)
                    nameEn: New department (test)
                    kind: government-agency
                    dutyPoint:
                      language: vi
                      channels:
                        - email: so-khcn@example.invalid
                  - code: skhcn-bn

                """, StringComparison.Ordinal), TestContext.Current.CancellationToken);
        await WritePoliciesAsync(rules, "so-khcn");
        var settings = RulesIn(rules);
        var deployment = new EmbeddedDeployment(data.Path);
        Assert.Equal(0, await IncidentResponseHost.RunAsync(["migrate", .. deployment.Settings.Concat(settings).Select(kv => $"--{kv.Key}={kv.Value}")]));
        settings["Database:MigrateOnStart"] = "false";

        await using var host = await TestHost.StartAsync(deployment, settings: settings);
        var (status, check) = await RuleReferencesAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("every unit and person the rules name is in the directory", check); // so-khcn comes with the 2027.1 directory
    }

    [Fact]
    public async Task A_rules_version_naming_a_unit_the_directory_does_not_hold_is_reported_and_the_Host_stays_ready()
    {
        using var data = new TempDirectory();
        using var rules = CopyOfShippedRules();
        await WritePoliciesAsync(rules, "skhcn-bm");
        var regimes = Path.Combine(rules.Path, "legal-regimes.yaml");
        await File.WriteAllTextAsync(regimes, (await File.ReadAllTextAsync(regimes, TestContext.Current.CancellationToken))
            .Replace("{ after: P14D, notify: skhcn-bn }", "{ after: P14D, notify: so-khcn }", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var settings = RulesIn(rules);

        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: settings);
        var (status, check) = await RuleReferencesAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("WARNING: rules name codes the partner directory does not hold", check, StringComparison.Ordinal);
        Assert.Contains("escalation-policies-2027.1.yaml (escalation policies 2027.1)", check, StringComparison.Ordinal);
        Assert.Contains("skhcn-bm", check, StringComparison.Ordinal);
        Assert.Contains("legal-regimes.yaml (legal regimes 2026.6): ", check, StringComparison.Ordinal);
        Assert.Contains("periodic report mau-05-year tells unit 'so-khcn', which is not in the partner directory", check, StringComparison.Ordinal);
        Assert.DoesNotContain("2026.2)", check, StringComparison.Ordinal); // the shipped versions are fine
    }

    private static TempDirectory CopyOfShippedRules()
    {
        var rules = new TempDirectory();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Rules")))
        {
            File.Copy(file, Path.Combine(rules.Path, Path.GetFileName(file)));
        }

        return rules;
    }

    /// <summary>A policies version from 2027 whose last overdue alert goes to <paramref name="unit"/> (the department in 2026.2).</summary>
    private static async Task WritePoliciesAsync(TempDirectory rules, string unit)
    {
        var policies = await File.ReadAllTextAsync(Path.Combine(rules.Path, "escalation-policies-2026.2.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(rules.Path, "escalation-policies-2027.1.yaml"), policies
            .Replace("version: \"2026.2\"", "version: \"2027.1\"", StringComparison.Ordinal)
            .Replace("effectiveFrom: \"2026-12-03T00:00:00+07:00\"", "effectiveFrom: \"2027-01-01T00:00:00+07:00\"", StringComparison.Ordinal)
            .Replace("{ after: 24h, notify: skhcn-bn }", $"{{ after: 24h, notify: {unit} }}", StringComparison.Ordinal), TestContext.Current.CancellationToken);
    }

    private static Dictionary<string, string> RulesIn(TempDirectory rules) => new()
    {
        ["Triage:RulesDirectory"] = rules.Path, ["Notifications:RulesDirectory"] = rules.Path, ["Escalation:RulesDirectory"] = rules.Path,
    };

    /// <summary>The entry once the check has run (it runs just after the databases are ready).</summary>
    private static async Task<(HttpStatusCode Status, string Description)> RuleReferencesAsync(TestHost host)
    {
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(30);
        while (true)
        {
            using var response = await host.Http.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
            var check = body.RootElement.GetProperty("checks").GetProperty("rule-references");
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            var description = check.GetProperty("description").GetString()!;
            if (!description.StartsWith("rules not checked", StringComparison.Ordinal) || TimeProvider.System.GetUtcNow() > deadline)
            {
                return (response.StatusCode, description);
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
