using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks.Startup;

/// <summary>
/// Scenario 5: the built Host executable on the embedded default (no servers), from process start to
/// <c>/health/ready</c> answering 200. The first start is on an empty data directory (databases created
/// and migrated), the next ones on the same directory. The baseline is a bare ASP.NET Core process
/// started the same way: what the runtime itself costs on this machine.
/// </summary>
public static class StartupScenario
{
    public static async Task RunAsync(BenchmarkOptions options, Results results)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(results);
        var host = HostExecutable();
        using var data = new TempDirectory();
        var times = new List<double>();
        for (var run = 0; run < options.StartupRuns; run++)
        {
            times.Add(await TimeToReadyAsync(host, data.Path, "/health/ready"));
        }

        using var bare = new TempDirectory();
        var baseline = await TimeToReadyAsync("bare ASP.NET Core", bare.Path, "/", bareServer: true);
        results.Add(new Figure("startup", "embedded Host to ready, empty data directory", times[0] * 1000, "ms", baseline * 1000, "≤ 5,000 ms", times[0] <= 5));
        if (times.Count > 1)
        {
            var warm = times.Skip(1).Order().ToList();
            var median = warm[warm.Count / 2];
            results.Add(new Figure("startup", "embedded Host to ready, existing data (median)", median * 1000, "ms", baseline * 1000, "≤ 5,000 ms", median <= 5));
        }

        results.Note("startup", $"each start: {string.Join(", ", times.Select(t => $"{t:0.00} s"))}; baseline: a bare ASP.NET Core app answering / ({baseline:0.00} s)");
    }

    /// <summary>The Host built beside this benchmark (same configuration), run with <c>dotnet</c> like <c>dotnet run</c> would after a build.</summary>
    private static string HostExecutable()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        var configuration = directory.Parent?.Name ?? "Release";
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IncidentResponse.sln")))
        {
            directory = directory.Parent;
        }

        var dll = directory is null ? null : Path.Combine(directory.FullName, "services", "IncidentResponse.Host", "bin", configuration, "net10.0", "IncidentResponse.Host.dll");
        return dll is not null && File.Exists(dll) ? dll : throw new FileNotFoundException($"the Host is not built ({dll}); build the solution in {configuration} first");
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
