using IncidentResponse.Testing;

namespace IncidentResponse.Benchmarks;

/// <summary>A fresh virtual host and database for one measurement, and the settings every benchmark Host shares.</summary>
public static class BenchDeployment
{
    public const string AdminKey = "bench-administrator-key-0123456789abcdef";

    public static async Task<DistributedDeployment> CreateAsync(InfrastructureFixture infrastructure, string prefix)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        var name = TestNames.Unique(prefix);
        return new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
    }

    /// <summary>The administrator key, quiet logs, and whatever the scenario adds.</summary>
    public static Dictionary<string, string> Settings(IReadOnlyDictionary<string, string>? more = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = AdminKey,
            ["Security:LinkSigningKey"] = "bench-link-signing-key-0123456789abcdef0123",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:IncidentResponse"] = "Warning",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }
}
