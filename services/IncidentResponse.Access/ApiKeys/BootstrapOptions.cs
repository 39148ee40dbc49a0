namespace IncidentResponse.Access.ApiKeys;

/// <summary>The <c>Bootstrap</c> section: the first administrator credential of an empty database.</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Bootstrap";

    /// <summary>Becomes a coordinator key when no key exists yet (env <c>Bootstrap__ApiKey</c>).</summary>
    public string? ApiKey { get; set; }
}
