using System.Diagnostics;
using System.Globalization;
using System.Net;
using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Benchmarks.Work;

/// <summary>
/// The Host as it ships, in its own process: the published build (bench.sh publishes it ReadyToRun; the
/// build output when there is none), its own runtimeconfig (server GC), Production environment, shipped
/// options apart from the benchmark's addresses, secrets and Warning logs. Each service connects as its own
/// PostgreSQL role (<c>Database:ConnectionStrings:&lt;schema&gt;</c>, created by the Host with
/// <c>Database:CreateServiceRoles</c>), so the database's statistics say which service did the work.
/// </summary>
public sealed class HostUnderTest : IAsyncDisposable
{
    /// <summary>The service schemas, each with its own role.</summary>
    public static readonly string[] Schemas = ["access", "intake", "triage", "notifications", "escalation", "web"];

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly HttpClient _http;

    private HostUnderTest(Process process, StreamWriter log, Uri baseAddress, string logFile, IReadOnlyDictionary<string, string> roles)
    {
        _process = process;
        _log = log;
        BaseAddress = baseAddress;
        LogFile = logFile;
        // One client for the readiness probe and every scrape of /metrics (about one a second while the benchmark waits).
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        _http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", BenchDeployment.AdminKey);
        Roles = roles;
    }

    public Uri BaseAddress { get; }

    public string LogFile { get; }

    public int ProcessId => _process.Id;

    /// <summary>Role name → service schema, for attributing database work.</summary>
    public IReadOnlyDictionary<string, string> Roles { get; }

    /// <summary>The Host's CPU time so far (user + system), from /proc (0 where there is none).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            try
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
            catch (InvalidOperationException)
            {
                return TimeSpan.Zero;
            }
        }
    }

    /// <summary>
    /// Bytes the Host has allocated and ms the GC paused it so far, from its <c>/metrics</c> (the administrator key);
    /// zeros when they cannot be read (a build without those counters).
    /// </summary>
    public async Task<(double AllocatedBytes, double PauseMs)> GarbageAsync()
    {
        try
        {
            var text = await _http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
            return (Metric(text, "dotnet_gc_allocated_bytes_total"), Metric(text, "dotnet_gc_pause_seconds_total") * 1000);
        }
        catch (HttpRequestException)
        {
            return (0, 0);
        }

        static double Metric(string text, string name)
        {
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith(name + " ", StringComparison.Ordinal))
                {
                    return double.Parse(line.AsSpan(name.Length + 1), CultureInfo.InvariantCulture);
                }
            }

            return 0;
        }
    }

    /// <summary>Where the Host's assembly is: the published one if bench.sh made it, else the build output.</summary>
    public static string Assembly()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var published = Path.Combine(directory.FullName, "artifacts", "benchmarks", "host-published", "IncidentResponse.Host.dll");
            if (File.Exists(published))
            {
                return published;
            }

            var built = Path.Combine(directory.FullName, "services", "IncidentResponse.Host", "bin", "Release", "net10.0", "IncidentResponse.Host.dll");
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException("IncidentResponse.Host.dll: run bench.sh, which publishes it");
    }

    /// <summary>Starts the Host with <paramref name="roles"/> on a fresh deployment and waits until it is ready.</summary>
    public static async Task<HostUnderTest> StartAsync(DistributedDeployment deployment, string roles, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(settings);
        var database = new NpgsqlConnectionStringBuilder(deployment.Postgres);
        var prefix = "b" + Guid.NewGuid().ToString("N")[..8];
        var password = Guid.NewGuid().ToString("N");
        var all = new Dictionary<string, string>(deployment.Settings) { ["Roles"] = roles, ["Database:CreateServiceRoles"] = "true" };
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var schema in Schemas)
        {
            var role = $"{prefix}_{schema}";
            owners[role] = schema;
            all[$"Database:ConnectionStrings:{schema}"] = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Username = role, Password = password }.ConnectionString;
        }

        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        var baseAddress = new Uri($"http://127.0.0.1:{PeerProcess.FreePort()}");
        var logFile = Path.Combine(Path.GetTempPath(), $"ir-bench-host-{prefix}.log");
        var log = new StreamWriter(logFile) { AutoFlush = true };
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Assembly());
        start.Environment["Urls"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in all)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("the Host did not start");
        Running[process.Id] = process;
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new HostUnderTest(process, log, baseAddress, logFile, owners);
        try
        {
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(2));
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = "no answer";
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the Host exited ({_process.ExitCode}) before it was ready; its log: {LogFile}\n{Tail()}");
            }

            try
            {
                using var response = await _http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the Host was not ready within {timeout}: {last}\n{Tail()}");
    }

    private string Tail()
    {
        lock (_log)
        {
            _log.Flush();
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return string.Join('\n', reader.ReadToEnd().Split('\n').TakeLast(30));
    }

    public async ValueTask DisposeAsync()
    {
        Running.TryRemove(_process.Id, out _);
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
        _http.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, Process> Running = new();

    static HostUnderTest()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                try
                {
                    process.Kill(entireProcessTree: true);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
            }
        };
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // the last lines arrived after the end
            }
        }
    }
}
