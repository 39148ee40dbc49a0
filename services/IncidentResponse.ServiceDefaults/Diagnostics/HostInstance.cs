namespace IncidentResponse.ServiceDefaults.Diagnostics;

/// <summary>Names this process among the Hosts sharing a broker and database.</summary>
public static class HostInstance
{
    public static string Name { get; } = $"{Environment.MachineName}:{Environment.ProcessId}";
}
