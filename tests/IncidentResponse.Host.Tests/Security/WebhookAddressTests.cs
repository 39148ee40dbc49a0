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
        await using var site = await Site.StartAsync([]);
        var (coordinator, operatorKey, viewerKey) = (site.Coordinator, site.OperatorKey, site.ViewerKey);

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

    [Fact]
    public async Task A_webhook_paged_shows_its_host_only_in_deliveries_and_fired_steps_to_all_but_coordinators()
    {
        // Every e-mail fails (nothing listens on the relay's port), so each failed page brings the next step at once: the
        // serious policy's second step pages the committee (its webhook first) and the step's own webhook.
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var site = await Site.StartAsync(new Dictionary<string, string>
        {
            ["Notifications:Email:Mode"] = "Smtp",
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Resilience:email:MaxRetries"] = "0",
        });
        var coordinator = site.Coordinator;
        var incident = await coordinator.IncidentOfReportAsync(await coordinator.SubmitReportAsync(SampleReports.Ddos("Cổng " + TestNames.Unique("webhook"))));
        var id = incident.GetProperty("id").GetGuid();

        await Eventually.MatchesAsync(async () => await ReadAsync(coordinator, id),
            r => r.Deliveries.Contains(UnitHook, StringComparison.Ordinal) && r.Deliveries.Contains(StepHook, StringComparison.Ordinal)
                && r.Escalation.Contains(StepHook, StringComparison.Ordinal),
            TimeSpan.FromSeconds(90), "the committee's webhook tried, and the step's webhook paged and tried, each whole for a coordinator");
        foreach (var key in new[] { site.OperatorKey, site.ViewerKey })
        {
            var (deliveries, escalation) = await ReadAsync(coordinator.WithKey(key), id);
            var shown = deliveries + escalation;
            Assert.Contains("https://pager.example.invalid:8443/…", escalation, StringComparison.Ordinal); // the step's target
            Assert.DoesNotContain("secret-token", shown, StringComparison.Ordinal);
            Assert.Contains("https://chat.example.invalid/…", shown, StringComparison.Ordinal); // the committee's attempt
            Assert.Contains("https://pager.example.invalid:8443/…", shown, StringComparison.Ordinal); // the step's target and attempt
            Assert.Contains("@", shown, StringComparison.Ordinal); // e-mail addresses as they are
        }
    }

    /// <summary>
    /// Every text a reader can see of an incident's deliveries (each with its attempts) and of its escalation, one per line, as
    /// read (JSON escapes undone; a fired step's detail, itself JSON, read too).
    /// </summary>
    private static async Task<(string Deliveries, string Escalation)> ReadAsync(ApiClient reader, Guid incident)
    {
        var list = await reader.GetJsonAsync($"/api/v1/deliveries?incident={incident}&pageSize=200");
        var ids = list.GetProperty("items").EnumerateArray().Select(d => $"delivery={d.GetProperty("id").GetGuid()}").ToList();
        var deliveries = new List<JsonElement> { list, await reader.GetJsonAsync($"/api/v1/incidents/{incident}/engagements") };
        if (ids.Count > 0)
        {
            deliveries.Add(await reader.GetJsonAsync($"/api/v1/deliveries/details?{string.Join('&', ids.Take(50))}"));
        }

        var chains = await reader.GetJsonAsync($"/api/v1/escalation/chains?incident={incident}");
        var escalation = new List<JsonElement> { chains };
        foreach (var chain in chains.EnumerateArray().Select(c => c.GetProperty("engagementId").GetGuid()))
        {
            escalation.Add(await reader.GetJsonAsync($"/api/v1/engagements/{chain}/escalation"));
        }

        return (string.Join("\n", deliveries.SelectMany(Texts)), string.Join("\n", escalation.SelectMany(Texts)));
    }

    private static IEnumerable<string> Texts(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Texts(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Texts),
        JsonValueKind.String when element.GetString() is ['{', ..] json => [json, .. Texts(JsonDocument.Parse(json).RootElement.Clone())],
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    /// <summary>A Host whose committee has a webhook first among its duty channels and whose policies page a webhook in a step.</summary>
    private sealed class Site : IAsyncDisposable
    {
        private readonly TempDirectory _data = new();
        private readonly TempDirectory _notifications = new();
        private readonly TempDirectory _escalation = new();
        private TestHost? _host;

        public ApiClient Coordinator { get; private set; } = null!;

        public string OperatorKey { get; private set; } = "";

        public string ViewerKey { get; private set; } = "";

        public static async Task<Site> StartAsync(Dictionary<string, string> settings)
        {
            var site = new Site();
            var shipped = Path.Combine(AppContext.BaseDirectory, "Rules");
            foreach (var name in new[] { "routing-2026.2.yaml", "tlp-disclosure-2026.1.yaml" })
            {
                File.Copy(Path.Combine(shipped, name), Path.Combine(site._notifications.Path, name));
            }

            var directory = await File.ReadAllTextAsync(Path.Combine(shipped, "directory-2026.2.yaml"), TestContext.Current.CancellationToken);
            await File.WriteAllTextAsync(Path.Combine(site._notifications.Path, "directory-2026.2.yaml"), CommitteeEmail().Replace(directory,
                m => $"        - {{ webhook: \"{UnitHook}\", secretRef: committee-chat }}\n{m.Value}", 1), TestContext.Current.CancellationToken);
            File.Copy(Path.Combine(shipped, "schedules-2026.2.yaml"), Path.Combine(site._escalation.Path, "schedules-2026.2.yaml"));
            var policies = await File.ReadAllTextAsync(Path.Combine(shipped, "escalation-policies-2026.2.yaml"), TestContext.Current.CancellationToken);
            var stepHook = $"{{ webhook: \"{StepHook}\", secretRef: pager }}";
            await File.WriteAllTextAsync(Path.Combine(site._escalation.Path, "escalation-policies-2026.2.yaml"),
                policies.Replace("[{ unit: bcd-bn }]", $"[{{ unit: bcd-bn }}, {stepHook}]", StringComparison.Ordinal)
                    .Replace("[{ oncall: self }, { unit: bcd-bn }]", $"[{{ oncall: self }}, {{ unit: bcd-bn }}, {stepHook}]", StringComparison.Ordinal),
                TestContext.Current.CancellationToken);
            site._host = await TestHost.StartAsync(new EmbeddedDeployment(site._data.Path), settings: new Dictionary<string, string>(settings)
            {
                ["Bootstrap:ApiKey"] = CoordinatorKey,
                ["Notifications:RulesDirectory"] = site._notifications.Path,
                ["Escalation:RulesDirectory"] = site._escalation.Path,
            });
            site.Coordinator = new ApiClient(site._host.Http, CoordinatorKey);
            site.OperatorKey = await IssueAsync(site.Coordinator, "operator");
            site.ViewerKey = await IssueAsync(site.Coordinator, "viewer");
            return site;
        }

        public async ValueTask DisposeAsync()
        {
            if (_host is not null)
            {
                await _host.DisposeAsync();
            }

            _escalation.Dispose();
            _notifications.Dispose();
            _data.Dispose();
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
