using IncidentResponse.Access.KeyRing;
using IncidentResponse.ServiceDefaults.Deployment;
using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.Host;

/// <summary>
/// Settings without which a deployment would start and then fail quietly (links that only one Host
/// accepts, links nobody can open, cookies that only one Host can read): checked before the Host starts,
/// each refusal saying what to set. The <c>migrate</c> command needs none of them: it is checked only for the templates'
/// placeholders (<see cref="Placeholders"/>), since it creates the bootstrap key and connects with the configured credentials.
/// </summary>
public static class DeploymentChecks
{
    /// <summary>What is missing or wrong, one sentence each; empty when the Host may start.</summary>
    public static IReadOnlyList<string> Problems(IConfiguration configuration, bool migrating = false)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        if (Placeholders.SettingsHoldingOne(configuration) is { Count: > 0 } unset)
        {
            problems.Add($"settings still hold the deployment template's placeholder (REPLACE-…): {string.Join(", ", unset)}: set each to its real value (a secret: a random one, e.g. openssl rand -base64 48)");
        }

        if (migrating)
        {
            return problems;
        }

        var distributed = DeploymentKind.IsDistributed(configuration);
        var configuredBase = configuration[PublicAddress.Setting];
        if (PublicAddress.Resolve(configuration) is null)
        {
            problems.Add(string.IsNullOrWhiteSpace(configuredBase)
                ? $"links cannot be built from the listening address '{configuration["Urls"]}': set Notifications:PublicBaseUrl (env Notifications__PublicBaseUrl) to the address people open, e.g. https://ir.example.gov.vn/"
                : $"Notifications:PublicBaseUrl '{configuredBase}' is not an absolute http or https address: set it to the address people open, e.g. https://ir.example.gov.vn/");
        }

        if (!distributed)
        {
            return problems;
        }

        if (string.IsNullOrWhiteSpace(configuration["Security:LinkSigningKey"]))
        {
            problems.Add("a distributed deployment needs the same link-signing key on every Host: set Security__LinkSigningKey to a random secret of at least 32 characters (e.g. openssl rand -base64 48)");
        }

        if (string.IsNullOrWhiteSpace(configuredBase) && !PublicAddress.IsLoopbackFallback(configuration))
        {
            problems.Add("a distributed deployment sends links to partners: set Notifications__PublicBaseUrl to the address they open, e.g. https://ir.example.gov.vn/");
        }

        if (string.IsNullOrWhiteSpace(configuration[$"{KeyRingOptions.Section}:CertificatePath"]))
        {
            problems.Add("a distributed deployment encrypts its shared Data Protection key ring with one certificate on every Host: set Security__DataProtection__CertificatePath to a .pfx file (and Security__DataProtection__CertificatePassword), e.g. made with openssl req -x509 -newkey rsa:3072 … && openssl pkcs12 -export");
        }

        return problems;
    }

    /// <summary>Throws with every problem when the Host may not start.</summary>
    public static void Verify(IConfiguration configuration, bool migrating = false)
    {
        var problems = Problems(configuration, migrating);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", problems));
        }
    }
}
