using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace IncidentResponse.Testing;

/// <summary>
/// The real Host as a child process (<c>dotnet IncidentResponse.Host.dll</c>), configured by environment
/// variables, on one loopback port that stays the same across its lives. It can be killed hard
/// (<see cref="Process.Kill()"/> sends SIGKILL on Linux) and started again on the same data; each life
/// writes its output to its own log file. The child dies with the test process however that ends: on
/// Linux it is started through <c>setpriv --pdeathsig KILL</c>, and a normal exit kills what is left.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Running = new();
    private readonly string _hostAssembly;
    private readonly IReadOnlyDictionary<string, string> _environment;
    private readonly List<string> _logFiles = [];
    private Process? _process;
    private StreamWriter? _log;

    static HostProcess()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Running.Values)
            {
                TryKill(process);
            }
        };
    }

    /// <param name="hostAssembly">The Host's build output, <c>…/IncidentResponse.Host.dll</c>.</param>
    /// <param name="logDirectory">Where each life's output goes (<c>host-1.log</c>, <c>host-2.log</c> …).</param>
    /// <param name="environment">Settings as environment variables (<c>Database__Provider</c> …); <c>Urls</c> is set here.</param>
    public HostProcess(string hostAssembly, string logDirectory, IReadOnlyDictionary<string, string> environment)
    {
        if (!File.Exists(hostAssembly))
        {
            throw new FileNotFoundException($"The Host's build output is missing: {hostAssembly}. Build the solution first.", hostAssembly);
        }

        _hostAssembly = hostAssembly;
        _environment = environment;
        LogDirectory = Directory.CreateDirectory(logDirectory).FullName;
        BaseAddress = new Uri($"http://127.0.0.1:{PeerProcess.FreePort()}");
    }

    public Uri BaseAddress { get; }

    public string LogDirectory { get; }

    public string HostAssembly => _hostAssembly;

    /// <summary>How many times a Host was started.</summary>
    public int Lives { get; private set; }

    public IReadOnlyList<string> LogFiles => _logFiles;

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts a new life of the Host (the previous one must be gone).</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("The Host is still running; kill it first.");
        }

        Lives++;
        var logFile = Path.Combine(LogDirectory, $"host-{Lives}.log");
        _logFiles.Add(logFile);
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = StartInfo() };
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        await ChildLauncher.StartAsync(process);
        Running[process.Id] = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _log = log;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200; fails with the end of the log when the Host died or took too long.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        var last = "no answer";
        while (TimeProvider.System.GetUtcNow() < deadline)
        {
            if (_process is not { HasExited: false })
            {
                throw new InvalidOperationException($"The Host (life {Lives}) exited before it was ready:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = ex.Message;
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException($"The Host (life {Lives}) was not ready within {timeout}: {last}\n{Tail()}");
    }

    /// <summary>Kills the Host at once (SIGKILL: no shutdown code runs) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }

        TryKill(process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(wait.Token);
        Running.TryRemove(process.Id, out _);
        process.Dispose();
        _process = null;
        if (_log is { } log)
        {
            lock (log)
            {
                log.Dispose();
            }

            _log = null;
        }
    }

    /// <summary>The last lines the current (or last) life wrote.</summary>
    public string Tail(int lines = 40)
    {
        if (_logFiles.Count == 0)
        {
            return "";
        }

        try
        {
            using var stream = new FileStream(_logFiles[^1], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException ex)
        {
            return $"(log unreadable: {ex.Message})";
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();

    private ProcessStartInfo StartInfo()
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var pdeathsig = OperatingSystem.IsLinux() && File.Exists("/usr/bin/setpriv");
        var info = new ProcessStartInfo(pdeathsig ? "/usr/bin/setpriv" : dotnet)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = LogDirectory,
        };
        if (pdeathsig)
        {
            // setpriv execs dotnet in its own process: the Host keeps this pid, and the kernel kills it
            // when the thread that started it ends (ChildLauncher's thread lives as long as the test process).
            info.ArgumentList.Add("--pdeathsig");
            info.ArgumentList.Add("KILL");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(dotnet);
        }

        info.ArgumentList.Add(_hostAssembly);
        info.Environment["Urls"] = BaseAddress.ToString().TrimEnd('/');
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        return info;
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
                // the life ended while its last lines were read
            }
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }
}
