using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace IncidentResponse.Testing;

/// <summary>
/// A real peer program (Alertmanager, Dovecot) started by a test as a child process on free
/// loopback ports, its output kept for the failure message, killed with its children on dispose.
/// </summary>
public sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private PeerProcess(Process process)
    {
        _process = process;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The program from <paramref name="variable"/> (set by <c>infra/testenv/ensure-peers.sh</c>) or the
    /// Debian package's path; fails with how to get it when neither exists (the test is never skipped).
    /// </summary>
    public static string Locate(string variable, string debianPath, string package)
    {
        var path = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrEmpty(path))
        {
            path = debianPath;
        }

        return File.Exists(path) ? path
            : throw new InvalidOperationException($"{path} not found: run `source infra/testenv/ensure-peers.sh` (installs Debian package {package}) or set {variable}");
    }

    public static PeerProcess Start(string fileName, IEnumerable<string> arguments, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = info };
        var peer = new PeerProcess(process);
        process.OutputDataReceived += (_, e) => peer.Append(e.Data);
        process.ErrorDataReceived += (_, e) => peer.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on <paramref name="port"/>; fails with the output when the program died.</summary>
    public async Task WaitForPortAsync(int port, TimeSpan timeout)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"peer exited with {_process.ExitCode} before listening on {port}:\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (TimeProvider.System.GetUtcNow() < deadline)
            {
                await Task.Delay(100);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"peer not listening on {port} within {timeout}:\n{Output}", ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
