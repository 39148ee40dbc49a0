using System.Text.Json;
using System.Text.RegularExpressions;
using IncidentResponse.Testing;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>
/// Webhook addresses carry their credentials (chat services' incoming hooks put a token in the path): the directory
/// and the escalation policies show them whole to coordinators, and only scheme and host to operators and viewers
/// (review L5).
/// </summary>
public sealed partial class WebhookAddressTests
{
    private const string CoordinatorKey = "webhook-address-coordinator-key-0123456789";
    private const string UnitHook = "https://chat.example.invalid/hooks/T0123/B0456/unit-secret-token?room=truc-ban";
    private const string StepHook = "https://pager.example.invalid:8443/v1/hooks/step-secret-token";

    [Fact]
    public async Task Operators_and_viewers_see_a_webhooks_host_and_coordinators_see_it_whole()
    {
        using var data = new TempDirectory();
        using var notifications = new TempDirectory();
        using var escalation = new TempDirectory();
        var shipped = Path.Combine(AppContext.BaseDirectory, "Rules");
        foreach (var name in new[] { "routing-2026.2.yaml", "tlp-disclosure-2026.1.yaml" })
        {
            File.Copy(Path.Combine(shipped, name), Path.Combine(notifications.Path, name));
        }

        var directory = await File.ReadAllTextAsync(Path.Combine(shipped, "directory-2026.2.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(notifications.Path, "directory-2026.2.yaml"), CommitteeEmail().Replace(directory,
            m => $"{m.Value}\n        - {{ webhook: \"{UnitHook}\", secretRef: committee-chat }}", 1), TestContext.Current.CancellationToken);
        File.Copy(Path.Combine(shipped, "schedules-2026.2.yaml"), Path.Combine(escalation.Path, "schedules-2026.2.yaml"));
        var policies = await File.ReadAllTextAsync(Path.Combine(shipped, "escalation-policies-2026.2.yaml"), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(escalation.Path, "escalation-policies-2026.2.yaml"),
            policies.Replace("[{ unit: bcd-bn }]", $"[{{ unit: bcd-bn }}, {{ webhook: \"{StepHook}\", secretRef: pager }}]", StringComparison.Ordinal),
            TestContext.Current.CancellationToken);
        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), settings: new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = CoordinatorKey,
            ["Notifications:RulesDirectory"] = notifications.Path,
            ["Escalation:RulesDirectory"] = escalation.Path,
        });
        var coordinator = new ApiClient(host.Http, CoordinatorKey);
        var operatorKey = await IssueAsync(coordinator, "operator");
        var viewerKey = await IssueAsync(coordinator, "viewer");

        var whole = await coordinator.GetJsonAsync("/api/v1/units/bcd-bn");
        Assert.Contains(UnitHook, Addresses(whole));
        Assert.Contains(StepHook, (await coordinator.GetJsonAsync("/api/v1/escalation/policies")).GetRawText(), StringComparison.Ordinal);
        foreach (var key in new[] { operatorKey, viewerKey })
        {
            var reader = coordinator.WithKey(key);
            var unit = await reader.GetJsonAsync("/api/v1/units/bcd-bn");
            Assert.Contains("https://chat.example.invalid/…", Addresses(unit));
            Assert.Equal(Addresses(whole).Where(a => a != UnitHook), Addresses(unit).Where(a => a != "https://chat.example.invalid/…")); // e-mail and SMS as they are
            var list = (await reader.GetJsonAsync("/api/v1/units")).GetRawText();
            var policy = (await reader.GetJsonAsync("/api/v1/escalation/policies")).GetRawText();
            Assert.DoesNotContain("secret-token", list + policy, StringComparison.Ordinal);
            Assert.Contains("https://pager.example.invalid:8443/…", policy, StringComparison.Ordinal);
            Assert.Contains("\"oncall\"", policy, StringComparison.Ordinal); // the rest of the policies as they are
        }
    }

    private static List<string> Addresses(JsonElement unit) =>
        [.. unit.GetProperty("dutyChannels").EnumerateArray().Select(c => c.GetProperty("address").GetString()!)];

    private static async Task<string> IssueAsync(ApiClient coordinator, string role)
    {
        using var response = await coordinator.PostJsonAsync("/api/v1/api-keys", new { name = $"webhook test {role}", role });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return body.RootElement.GetProperty("key").GetString()!;
    }

    [GeneratedRegex(@"        - email: thuongtruc@bcd\.bacninh\.example\.invalid")]
    private static partial Regex CommitteeEmail();
}
