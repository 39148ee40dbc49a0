using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks.Startup;

/// <summary>
/// Scenario 5: the Host on the embedded default (no servers), from process start to <c>/health/ready</c>
/// answering 200, twice over: as the image ships it (<c>dotnet publish</c> with ReadyToRun, the way
/// infra/docker/Host.Dockerfile builds it; bench.sh publishes it to <see cref="PublishedDirectory"/>), which
/// the target is about, and as the build output a developer's <c>dotnet run</c> starts (every method
/// compiled on first call). The first start of each is on an empty data directory (databases created and
/// migrated), the next ones on the same directory. The baseline is a bare ASP.NET Core process started the
/// same way: what the runtime itself costs on this machine.
/// </summary>
public static class StartupScenario
{
    /// <summary>Where bench.sh publishes the Host as the image does (relative to the repository root).</summary>
    public const string PublishedDirectory = "artifacts/benchmarks/host-published";

    public static async Task RunAsync(BenchmarkOptions options, Results results)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        using var bare = new TempDirectory();
        var baseline = await TimeToReadyAsync("bare ASP.NET Core", bare.Path, "/", bareServer: true);
        var published = Path.Combine(RepositoryRoot(), PublishedDirectory, "IncidentResponse.Host.dll");
        if (File.Exists(published))
        {
            await MeasureAsync("published Host (ReadyToRun, as shipped)", published, options, results, baseline, withTarget: true);
        }
        else
        {
            results.Note("startup", $"no published Host at {PublishedDirectory} (bench.sh publishes it): only the build output was measured");
        }

        if (!options.Quick || !File.Exists(published))
        {
            // Beside the target, what a developer's dotnet run starts (left out of the quick mode).
            await MeasureAsync("build output (dotnet run)", BuildOutput(), options, results, baseline, withTarget: !File.Exists(published));
        }
        results.Note("startup", $"baseline: a bare ASP.NET Core app answering / ({baseline:0.00} s)");
    }

    private static async Task MeasureAsync(string name, string host, BenchmarkOptions options, Results results, double baseline, bool withTarget)
    {
        using var data = new TempDirectory();
        var times = new List<double>();
        for (var run = 0; run < options.StartupRuns; run++)
        {
            times.Add(await TimeToReadyAsync(host, data.Path, "/health/ready"));
        }

        results.Add(Figure($"{name}, empty data directory", times[0]));
        if (times.Count > 1)
        {
            var warm = times.Skip(1).Order().ToList();
            results.Add(Figure($"{name}, existing data (median)", warm[warm.Count / 2]));
        }

        results.Note("startup", $"{name}, each start: {string.Join(", ", times.Select(t => $"{t:0.00} s"))}");

        Figure Figure(string metric, double seconds) => withTarget
            ? new Figure("startup", metric, seconds * 1000, "ms", baseline * 1000, "≤ 5,000 ms", seconds <= 5)
            : new Figure("startup", metric, seconds * 1000, "ms", baseline * 1000);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IncidentResponse.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("the repository root (IncidentResponse.sln) is not above the benchmark");
    }

    /// <summary>The Host built beside this benchmark (same configuration), run with <c>dotnet</c> like <c>dotnet run</c> would after a build.</summary>
    private static string BuildOutput()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Release";
        var dll = Path.Combine(RepositoryRoot(), "services", "IncidentResponse.Host", "bin", configuration, "net10.0", "IncidentResponse.Host.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the Host is not built ({dll}); build the solution in {configuration} first");
    }

    /// <summary>Seconds from process start until <paramref name="path"/> answers 200; then stops the process (SIGTERM) and waits for it.</summary>
    private static async Task<double> TimeToReadyAsync(string program, string workingDirectory, string path, bool bareServer = false)
    {
        var port = PeerProcess.FreePort();
        var start = bareServer ? SelfProcess.StartInfo(BareServer.Verb) : new ProcessStartInfo("dotnet") { ArgumentList = { program } };
        start.WorkingDirectory = workingDirectory;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__DataDirectory"] = workingDirectory;
        start.Environment["Bootstrap__AdminPassword"] = "bench-admin-password-0123";
        start.Environment["Bootstrap__AdminEmail"] = "admin@bench.invalid";
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var address = new Uri($"http://127.0.0.1:{port}{path}");
        try
        {
            while (true)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{program} exited with {process.ExitCode} before it was ready");
                }

                try
                {
                    using var response = await http.GetAsync(address);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed.TotalSeconds;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException)
                {
                    // Listening, not answering yet.
                }

                if (clock.Elapsed > TimeSpan.FromMinutes(2))
                {
                    throw new TimeoutException($"{program} not ready in 2 minutes");
                }

                await Task.Delay(20);
            }
        }
        finally
        {
            using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            if (!process.WaitForExit(20_000))
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
