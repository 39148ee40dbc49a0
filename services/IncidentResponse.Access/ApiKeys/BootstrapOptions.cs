namespace IncidentResponse.Access.ApiKeys;

/// <summary>The <c>Bootstrap</c> section: the first administrator credentials of an empty database.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>Becomes a coordinator key when no key exists yet (env <c>Bootstrap__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }

    /// <summary>
    /// How long the bootstrap key opens the API (7 days): it is for setting the system up, with the keys and accounts that
    /// then do the work issued from it. Zero: it never expires (not advised).
    /// </summary>
    public TimeSpan ApiKeyLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>The first console login (a coordinator) when no person account exists yet; default user name <c>admin</c>.</summary>
    public string? AdminEmail { get; set; }

    /// <summary>Its password; without it one is generated and printed once on standard output.</summary>
    public string? AdminPassword { get; set; }
}
