using System.Diagnostics;

namespace IncidentResponse.Chaos.Tests;

/// <summary>Runs a command of the Host (<c>backup</c>, <c>restore</c>) as an operator would, on a data directory.</summary>
internal static class HostCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string dataDirectory, CancellationToken cancellationToken, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var info = new ProcessStartInfo(dotnet) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(HostBuild.Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Database__Provider"] = "Sqlite";
        info.Environment["Database__DataDirectory"] = dataDirectory;
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{dotnet} did not start");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, (await output + await error).Trim());
    }
}
