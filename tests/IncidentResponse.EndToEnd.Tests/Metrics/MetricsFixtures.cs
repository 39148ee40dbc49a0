using IncidentResponse.Testing;

namespace IncidentResponse.EndToEnd.Tests.Metrics;

/// <summary>The settings of a Host whose gauges refresh every second and which also serves /metrics on a loopback port.</summary>
internal static class MetricsSettings
{
    public static IReadOnlyDictionary<string, string> For(int loopbackPort) => new Dictionary<string, string>
    {
        ["Metrics:RefreshInterval"] = "00:00:01",
        ["Metrics:LoopbackPort"] = loopbackPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

public sealed class EmbeddedMetricsHostFixture : EmbeddedHostFixture
{
    public int LoopbackPort { get; } = PeerProcess.FreePort();

    protected override Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() => Task.FromResult(MetricsSettings.For(LoopbackPort));
}

public sealed class DistributedMetricsHostFixture(InfrastructureFixture infrastructure) : DistributedHostFixture(infrastructure)
{
    public int LoopbackPort { get; } = PeerProcess.FreePort();

    protected override Task<IReadOnlyDictionary<string, string>> MoreSettingsAsync() => Task.FromResult(MetricsSettings.For(LoopbackPort));
}

/// <summary>Reads a Host's <c>/metrics</c> and the repository's Prometheus and Grafana files.</summary>
internal static class Scrape
{
    /// <summary>Each sample of a Prometheus text exposition: the series (name with its labels) and its value.</summary>
    public static IReadOnlyList<(string Name, string Series, double Value)> Samples(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line =>
            {
                var space = line.LastIndexOf(' ');
                var series = line[..space];
                var brace = series.IndexOf('{', StringComparison.Ordinal);
                var value = double.TryParse(line[(space + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
                return (brace < 0 ? series : series[..brace], series, value);
            })];

    /// <summary>The sum of the samples of <paramref name="name"/> whose series contains every one of <paramref name="labels"/> (<c>channel="api"</c>).</summary>
    public static double Sum(string text, string name, params string[] labels) =>
        Samples(text).Where(s => s.Name == name && labels.All(l => s.Series.Contains(l, StringComparison.Ordinal))).Sum(s => s.Value);

    public static async Task<string> MetricsAsync(ApiClient api)
    {
        ArgumentNullException.ThrowIfNull(api);
        using var response = await api.SendAsync(HttpMethod.Get, "/metrics");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/metrics: {(int)response.StatusCode} {text}");
        return text;
    }

    /// <summary>A file of the repository (found above the test's output directory by <c>IncidentResponse.sln</c>).</summary>
    public static string RepositoryFile(string relative)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                return Path.Combine(dir.FullName, relative);
            }
        }

        throw new InvalidOperationException("IncidentResponse.sln not found above " + AppContext.BaseDirectory);
    }
}
