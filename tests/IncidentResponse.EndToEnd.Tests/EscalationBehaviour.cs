using System.Net;
using System.Text.Json;
using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests;

/// <summary>
/// Escalation through real Hosts with second-scale policies. The tests are in two classes, so that
/// the test framework runs them beside each other: each waits on timers far more than it computes.
/// </summary>
public abstract class EscalationBehaviour
{
    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected const string EscalationRepeatsForever = "until-acknowledged";

    protected sealed record Incident(Guid Id, string Number);

    protected sealed record FiredStep(int Round, int Step, string Outcome, string Detail, DateTimeOffset DueAt, DateTimeOffset FiredAt, string FiredBy);

    protected static async Task<(Incident Incident, Guid VnptEngagement)> EngageVnptAsync(ApiClient api, string title)
    {
        var incident = await api.IncidentOfReportAsync(await api.SubmitReportAsync(SampleReports.Ddos($"{title} {Guid.NewGuid():N}")));
        var id = incident.GetProperty("id").GetGuid();
        var engagements = await Eventually.MatchesAsync(() => api.GetJsonAsync($"/api/v1/incidents/{id}/engagements"),
            e => e.EnumerateArray().Any(x => x.GetProperty("unit").GetString() == "vnpt-bn"), TimeSpan.FromSeconds(60), "VNPT engaged");
        var vnpt = engagements.EnumerateArray().Single(x => x.GetProperty("unit").GetString() == "vnpt-bn").GetProperty("id").GetGuid();
        return (new Incident(id, incident.GetProperty("number").GetString()!), vnpt);
    }

    protected static Task<JsonElement> WaitForChainAsync(ApiClient api, Guid engagement, Func<JsonElement, bool> condition, TimeSpan timeout) =>
        Eventually.MatchesAsync(async () =>
        {
            using var response = await api.SendAsync(HttpMethod.Get, $"/api/v1/engagements/{engagement}/escalation");
            return response.StatusCode == HttpStatusCode.OK ? await ApiClient.ReadJsonAsync(response) : default;
        }, c => c.ValueKind == JsonValueKind.Object && condition(c), timeout, $"the escalation of engagement {engagement}");

    protected static List<FiredStep> Steps(JsonElement chain) =>
        [.. chain.GetProperty("steps").EnumerateArray().Select(s => new FiredStep(s.GetProperty("round").GetInt32(), s.GetProperty("step").GetInt32(),
            s.GetProperty("outcome").GetString()!, s.GetProperty("detail").GetString()!, s.GetProperty("dueAt").GetDateTimeOffset(),
            s.GetProperty("firedAt").GetDateTimeOffset(), s.GetProperty("firedBy").GetString()!))];

    protected static List<string> Kinds(JsonElement timeline) =>
        [.. timeline.EnumerateArray().Select(e => e.GetProperty("kind").GetString()!)];

    protected sealed record Page(string Origin, string Recipient, string Status);

    /// <summary>The escalation pages (not the first notice) sent for one engagement.</summary>
    protected static async Task<List<Page>> PagesAsync(ApiClient api, Guid incident, Guid engagement) =>
        [.. (await api.GetJsonAsync($"/api/v1/deliveries?incident={incident}&pageSize=200")).GetProperty("items").EnumerateArray()
            .Where(d => d.GetProperty("engagementId").ValueKind == JsonValueKind.String && d.GetProperty("engagementId").GetGuid() == engagement)
            .Where(d => d.GetProperty("origin").GetString()!.StartsWith("step:", StringComparison.Ordinal))
            .Select(d => new Page(d.GetProperty("origin").GetString()!, d.GetProperty("recipient").GetString()!, d.GetProperty("status").GetString()!))];

    protected static JsonElement Engagement(JsonElement engagement) =>
        engagement.TryGetProperty("engagement", out var inner) ? inner : engagement;

    protected static string Policy(string steps, string repeat) => $"""
        version: "e2e.1"
        effectiveFrom: "2020-01-01T00:00:00+07:00"
        deadlines: {"{"} notify: bcd-bn, remindBefore: [1h] {"}"}
        policies:
          - id: e2e
            name: {"{"} vi: "Kiểm thử", en: "Test" {"}"}
            steps:
        {string.Join('\n', steps.Split('\n').Select(line => "    " + line))}
            repeat: "{repeat}"
        """;

    /// <summary>A rules directory with the shipped schedules and the test's policy.</summary>
    protected static TempDirectory Rules(string policy)
    {
        var directory = new TempDirectory();
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Rules", "schedules-2026.1.yaml"), Path.Combine(directory.Path, "schedules-2026.1.yaml"));
        File.WriteAllText(Path.Combine(directory.Path, "escalation-policies-e2e.yaml"), policy);
        return directory;
    }

    protected static Dictionary<string, string> Settings(TempDirectory rules, IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>(HostFixture.Settings)
        {
            ["Escalation:RulesDirectory"] = rules.Path,
            ["Escalation:ReconcileInterval"] = "00:00:05",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
