using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Tests.Schedules;
using IncidentResponse.ServiceDefaults.Rules;
using IncidentResponse.Testing;

namespace IncidentResponse.Escalation.Tests.Policies;

/// <summary>Escalation policies are data: the shipped file is valid against the directory, mistakes are named, versions are kept.</summary>
public sealed class PolicyFileTests
{
    private static readonly PolicyBook Shipped = new(Path.Combine(AppContext.BaseDirectory, "Rules"));

    [Fact]
    public void The_shipped_policies_validate_against_the_shipped_directory_and_choose_by_seriousness_then_severity()
    {
        var (people, units) = ShippedScheduleTests.Directory2026();
        Shipped.Validate(people, units);

        var version = Shipped.VersionAt(DateTimeOffset.Parse("2026-11-26T10:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2026.1", version.Version);
        Assert.Equal("serious", version.Choose("vnpt-bn", 2, serious: true).Id);
        Assert.Equal("high", version.Choose("vnpt-bn", 3, serious: false).Id);
        Assert.Equal("standard", version.Choose("skhcn-bn", 1, serious: false).Id);
        Assert.True(version.Choose("vnpt-bn", 4, serious: true).RepeatsForever);
        Assert.Equal(3, version.Choose("skhcn-bn", 1, serious: false).Rounds);
        Assert.Equal(TimeSpan.FromHours(2), version.Choose("vnpt-bn", 4, serious: true).AcknowledgementTimeoutSpan);
        Assert.Equal([TimeSpan.FromHours(6), TimeSpan.FromHours(1)], version.Deadlines.Reminders);
    }

    [Fact]
    public void Every_mistake_in_a_policies_file_is_named()
    {
        var file = RuleFiles.Parse<PolicyFile>("""
            version: "bad.1"
            effectiveFrom: "2026-01-01"
            deadlines: { remindBefore: [soon] }
            policies:
              - id: one
                name: { vi: "Một", en: "One" }
                steps:
                  - after: 5x
                    targets: [{ person: nobody-here }]
                  - after: 1m
                    targets: []
                  - after: 1m
                    targets: [{ person: bcd-tran-thi-binh, unit: bcd-bn }]
                repeat: often
              - id: one
                name: { vi: "", en: "Two" }
                match: { units: [mars-base], minSeverity: 9 }
                steps:
                  - after: 0s
                    targets: [{ webhook: "ftp://example.invalid/x" }]
                repeat: until-acknowledged
                acknowledgementTimeout: 0s
            """);
        var (people, units) = ShippedScheduleTests.Directory2026();

        var problems = string.Join("\n", file.Problems(people, units));

        Assert.Contains("effectiveFrom '2026-01-01' is not a date and time with offset", problems, StringComparison.Ordinal);
        Assert.Contains("deadlines: notify (the unit told of deadlines) is missing", problems, StringComparison.Ordinal);
        Assert.Contains("'soon'", problems, StringComparison.Ordinal);
        Assert.Contains("policy one: step 1: after: '5x' has an unknown unit", problems, StringComparison.Ordinal);
        Assert.Contains("policy one: step 1: person nobody-here is not in the directory", problems, StringComparison.Ordinal);
        Assert.Contains("policy one: step 2: no targets", problems, StringComparison.Ordinal);
        Assert.Contains("policy one: step 3: a target names exactly one of oncall, person, unit, webhook", problems, StringComparison.Ordinal);
        Assert.Contains("repeat 'often' must be a whole number", problems, StringComparison.Ordinal);
        Assert.Contains("policy id 'one' is missing or listed twice", problems, StringComparison.Ordinal);
        Assert.Contains("name needs vi and en", problems, StringComparison.Ordinal);
        Assert.Contains("match: unit mars-base is not in the directory", problems, StringComparison.Ordinal);
        Assert.Contains("minSeverity 9 is not a level 0–5", problems, StringComparison.Ordinal);
        Assert.Contains("webhook 'ftp://example.invalid/x' is not an http(s) URL", problems, StringComparison.Ordinal);
        Assert.Contains("repeats until acknowledged needs a step with a delay", problems, StringComparison.Ordinal);
        Assert.Contains("acknowledgementTimeout '0s' must be a duration longer than zero", problems, StringComparison.Ordinal);
        Assert.Contains("the last policy (one) must match every engagement", problems, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_may_name_the_channels_to_page_on_and_an_unknown_channel_is_named()
    {
        var file = RuleFiles.Parse<PolicyFile>("""
            version: "chat.1"
            effectiveFrom: "2026-01-01T00:00:00+07:00"
            deadlines: { notify: bcd-bn }
            policies:
              - id: chat
                name: { vi: "Gọi và nhắn", en: "Call and chat" }
                steps:
                  - after: 5m
                    targets: [{ oncall: self, channels: [telegram, voice] }, { unit: self, channels: [zalo, pigeon] }]
                  - after: 5m
                    targets: [{ webhook: "https://example.invalid/hook", secretRef: hook, channels: [sms] }]
                repeat: "0"
            """);
        var (people, units) = ShippedScheduleTests.Directory2026();

        var problems = string.Join("\n", file.Problems(people, units));

        Assert.Contains("policy chat: step 1: channel 'pigeon' is not one of", problems, StringComparison.Ordinal);
        Assert.Contains("policy chat: step 2: a webhook target is its own channel", problems, StringComparison.Ordinal);
        Assert.DoesNotContain("'telegram'", problems, StringComparison.Ordinal);
        Assert.Equal(["telegram", "voice"], file.Policies[0].Steps[0].Targets[0].Channels);
    }

    [Fact]
    public void A_chain_keeps_the_policy_version_it_started_with_after_a_new_version_comes_into_force()
    {
        using var rules = new TempDirectory();
        File.WriteAllText(Path.Combine(rules.Path, "escalation-policies-1.yaml"), Policy("v1", "2026-01-01T00:00:00+07:00", "10m"));
        File.WriteAllText(Path.Combine(rules.Path, "escalation-policies-2.yaml"), Policy("v2", "2026-12-01T00:00:00+07:00", "2m"));

        var book = new PolicyBook(rules.Path);

        Assert.Equal("v1", book.VersionAt(DateTimeOffset.Parse("2026-11-30T23:59:00+07:00", System.Globalization.CultureInfo.InvariantCulture)).Version);
        Assert.Equal("v2", book.VersionAt(DateTimeOffset.Parse("2026-12-01T00:00:00+07:00", System.Globalization.CultureInfo.InvariantCulture)).Version);
        Assert.Equal(TimeSpan.FromMinutes(10), book.Find("all", "v1")!.Steps[0].Delay);
        Assert.Equal(TimeSpan.FromMinutes(2), book.Find("all", "v2")!.Steps[0].Delay);
        Assert.Null(book.Find("all", "v3"));
    }

    [Fact]
    public void A_directory_with_a_bad_file_refuses_to_load_and_names_the_file()
    {
        using var rules = new TempDirectory();
        File.WriteAllText(Path.Combine(rules.Path, "escalation-policies-x.yaml"), Policy("x", "2026-01-01T00:00:00+07:00", "-5m"));

        var error = Assert.Throws<InvalidDataException>(() => new PolicyBook(rules.Path));

        Assert.Contains("escalation-policies-x.yaml (escalation policies x)", error.Message, StringComparison.Ordinal);
        Assert.Contains("step 1: after: '-5m' is not a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_webhook_over_plain_http_to_another_machine_stops_the_load_unless_its_host_is_allowed()
    {
        using var rules = new TempDirectory();
        var file = Path.Combine(rules.Path, "escalation-policies-1.yaml");
        File.WriteAllText(file, Policy("w", "2026-01-01T00:00:00+07:00", "10m", targets: "[{ webhook: \"http://chat.example.invalid/hook/TOKEN\", secretRef: chat }]"));

        var error = Assert.Throws<InvalidDataException>(() => new PolicyBook(rules.Path));
        Assert.Contains("policy all: webhook http://chat.example.invalid/… uses plain http", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOKEN", error.Message, StringComparison.Ordinal);

        Assert.Single(new PolicyBook(rules.Path, ["chat.example.invalid"]).Versions);
        File.WriteAllText(file, Policy("w", "2026-01-01T00:00:00+07:00", "10m", targets: "[{ webhook: \"http://127.0.0.1:9000/hook\", secretRef: chat }]"));
        Assert.Single(new PolicyBook(rules.Path).Versions);
    }

    internal static string Policy(string version, string effectiveFrom, string after, string targets = "[{ unit: self }]", string repeat = "0", string? ackTimeout = null) => $"""
        version: "{version}"
        effectiveFrom: "{effectiveFrom}"
        deadlines: {"{"} notify: bcd-bn, remindBefore: [1h] {"}"}
        policies:
          - id: all
            name: {"{"} vi: "Tất cả", en: "All" {"}"}
            steps:
              - after: {after}
                targets: {targets}
            repeat: "{repeat}"
        {(ackTimeout is null ? "" : $"    acknowledgementTimeout: {ackTimeout}")}
        """;
}
