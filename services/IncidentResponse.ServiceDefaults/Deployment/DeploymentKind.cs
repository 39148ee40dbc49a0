using Microsoft.Extensions.Configuration;

namespace IncidentResponse.ServiceDefaults.Deployment;

/// <summary>Whether a Host is part of a distributed deployment: several Hosts sharing PostgreSQL or RabbitMQ.</summary>
public static class DeploymentKind
{
    /// <summary>True when <c>Database:Provider</c> is Postgres or <c>Messaging:Transport</c> is RabbitMq.</summary>
    public static bool IsDistributed(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.Equals(configuration["Database:Provider"], "Postgres", StringComparison.OrdinalIgnoreCase)
            || string.Equals(configuration["Messaging:Transport"], "RabbitMq", StringComparison.OrdinalIgnoreCase);
    }
}
