using System.Net;
using System.Text.Json;

namespace IncidentResponse.Web.Tests.Matrix;

/// <summary>
/// The callers of the matrix, one column each. A person's role is an API key on the API and a signed-in
/// browser (cookie) on the console's pages; the others present the same bearer value to both.
/// </summary>
internal sealed class Credentials : IDisposable
{
    /// <summary>Column names, in the matrix's order.</summary>
    public static readonly string[] Columns =
    [
        "coord", "oper", "viewer", "resp", "other", "events", "alertm", "beat", "sms", "none", "expired", "revoked",
    ];

    private readonly Dictionary<string, string?> bearers = [];
    private readonly Dictionary<string, ConsoleBrowser> browsers = [];
    private readonly ConsoleHostFixture site;

    private Credentials(ConsoleHostFixture site) => this.site = site;

    /// <summary>The bearer value a column presents (null: none).</summary>
    public string? Bearer(string column) => bearers[column];

    /// <summary>The signed-in browser of a person's column, or null for the columns that have none.</summary>
    public ConsoleBrowser? Browser(string column) => browsers.GetValueOrDefault(column);

    public static async Task<Credentials> IssueAsync(ConsoleHostFixture site, string engagedUnit, string otherUnit)
    {
        var credentials = new Credentials(site);
        credentials.bearers["coord"] = ConsoleHostFixture.ApiKey;
        credentials.browsers["coord"] = await site.SignedInAsync(ConsoleHostFixture.AdminEmail, ConsoleHostFixture.AdminPassword);
        foreach (var (column, role, unit) in new[] { ("oper", "operator", (string?)null), ("viewer", "viewer", null), ("resp", "responder", engagedUnit), ("other", "responder", otherUnit) })
        {
            credentials.bearers[column] = await credentials.KeyAsync(role, unit);
            var (_, email, password) = await site.CreateUserAsync(role, unit);
            credentials.browsers[column] = await site.SignedInAsync(email, password);
        }

        credentials.bearers["events"] = await credentials.IntegrationAsync("events-v2");
        credentials.bearers["alertm"] = await credentials.IntegrationAsync("alertmanager");
        credentials.bearers["beat"] = await credentials.IntegrationAsync("heartbeat");
        credentials.bearers["sms"] = await credentials.KeyAsync("sms-gateway", null);
        credentials.bearers["none"] = null;
        var (adminId, _, _) = await site.CreateUserAsync("coordinator");
        credentials.bearers["expired"] = await site.ConsoleTokenAsync(adminId, TimeProvider.System.GetUtcNow().AddSeconds(-1));
        credentials.bearers["revoked"] = await credentials.RevokedKeyAsync();
        return credentials;
    }

    private async Task<string> KeyAsync(string role, string? unit)
    {
        using var response = await site.Api.PostJsonAsync("/api/v1/api-keys", new { name = $"matrix {role} {Guid.NewGuid():N}", role, unit });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"API key of {role}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }

    private async Task<string> IntegrationAsync(string kind)
    {
        using var response = await site.Api.PostJsonAsync("/api/v1/integrations", new { name = $"matrix {kind} {Guid.NewGuid():N}", kind });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"integration key of {kind}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("key").GetString()!;
    }

    private async Task<string> RevokedKeyAsync()
    {
        using var response = await site.Api.PostJsonAsync("/api/v1/api-keys", new { name = $"matrix revoked {Guid.NewGuid():N}", role = "coordinator" });
        var issued = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        using var revoked = await site.Api.SendAsync(HttpMethod.Delete, $"/api/v1/api-keys/{issued.GetProperty("id").GetGuid()}");
        Assert.True(revoked.IsSuccessStatusCode, $"revoking: {(int)revoked.StatusCode}");
        return issued.GetProperty("key").GetString()!;
    }

    public void Dispose()
    {
        foreach (var browser in browsers.Values)
        {
            browser.Dispose();
        }
    }
}
