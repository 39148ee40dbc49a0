using System.Reflection;

namespace IncidentResponse.Chaos.Tests;

/// <summary>Where the Host's build output is: recorded at build time from the project reference (same configuration as the tests).</summary>
internal static class HostBuild
{
    public static string Assembly { get; } = typeof(HostBuild).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .FirstOrDefault(a => a.Key == "IncidentResponse.Host.Path")?.Value
        ?? throw new InvalidOperationException("The test assembly does not say where IncidentResponse.Host.dll was built (the RecordHostAssemblyPath target did not run)");

    /// <summary>The rules shipped beside the Host (routing, directory, schedules, policies).</summary>
    public static string RulesDirectory => Path.Combine(Path.GetDirectoryName(Assembly)!, "Rules");
}
