using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Diagnostics;

/// <summary>
/// Who this Host is across restarts (<see cref="StableName"/>) and in this process (<see cref="InstanceId"/>).
/// Work a Host claims is marked with <see cref="ClaimOwner"/>; when it starts again, what its previous
/// life claimed (<see cref="IsPreviousLife"/>) can be released at once instead of waiting for a lease.
/// </summary>
public sealed class HostIdentity
{
    /// <summary>Configuration key of the stable name (env <c>HostIdentity__StableName</c>).</summary>
    public const string StableNameKey = "HostIdentity:StableName";

    /// <summary>Longest stable name kept whole: <c>name/instance</c> fits a 100-character claim column.</summary>
    public const int MaxStableNameLength = 64;

    public HostIdentity(string stableName, string? instanceId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stableName);
        StableName = Shorten(stableName.Trim().Replace('/', '_'));
        InstanceId = instanceId ?? Guid.NewGuid().ToString("N");
        ClaimOwner = $"{StableName}/{InstanceId}";
    }

    /// <summary>The same for every start of this Host; different for two Hosts on one machine.</summary>
    public string StableName { get; }

    /// <summary>New for every process.</summary>
    public string InstanceId { get; }

    /// <summary><c>StableName/InstanceId</c>: what this process writes into the claims it takes.</summary>
    public string ClaimOwner { get; }

    /// <summary>The prefix every claim of this Host, in any life, starts with.</summary>
    public string ClaimPrefix => StableName + "/";

    /// <summary>True when <paramref name="claimedBy"/> was written by an earlier process of this same Host.</summary>
    public bool IsPreviousLife(string? claimedBy) =>
        claimedBy is not null
        && claimedBy.StartsWith(ClaimPrefix, StringComparison.Ordinal)
        && !string.Equals(claimedBy, ClaimOwner, StringComparison.Ordinal);

    /// <summary>
    /// <c>HostIdentity:StableName</c> when set; otherwise the machine name and the addresses the Host
    /// listens on (<c>urls</c>, <c>http_ports</c>, Kestrel endpoints). A dynamic port (<c>:0</c>, tests)
    /// is not stable, so the process id is added: two such Hosts never take each other for a past life.
    /// </summary>
    public static HostIdentity From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[StableNameKey];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return new HostIdentity(configured);
        }

        var kestrel = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).Where(u => !string.IsNullOrWhiteSpace(u));
        var listening = configuration["urls"] ?? configuration["http_ports"] ?? string.Join(';', kestrel);
        if (string.IsNullOrWhiteSpace(listening))
        {
            listening = "default";
        }

        var name = $"{Environment.MachineName}@{listening.Replace("http://", "", StringComparison.OrdinalIgnoreCase).Replace("https://", "s:", StringComparison.OrdinalIgnoreCase)}";
        if (listening.Split(';', ',').Any(u => u.TrimEnd('/').EndsWith(":0", StringComparison.Ordinal)))
        {
            name += $"#{Environment.ProcessId}";
        }

        return new HostIdentity(name);
    }

    private static string Shorten(string name)
    {
        if (name.Length <= MaxStableNameLength)
        {
            return name;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)))[..8];
        return $"{name[..(MaxStableNameLength - 9)]}~{hash}";
    }
}
