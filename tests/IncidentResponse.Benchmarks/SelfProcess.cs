using System.Diagnostics;

namespace IncidentResponse.Benchmarks;

/// <summary>Starts this benchmark program again in another mode (the Host child, the bare server).</summary>
public static class SelfProcess
{
    public static ProcessStartInfo StartInfo(string verb)
    {
        var assembly = typeof(SelfProcess).Assembly.Location;
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(verb);
        return start;
    }
}
