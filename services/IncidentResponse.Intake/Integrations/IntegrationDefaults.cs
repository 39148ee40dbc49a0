using System.Text.Json;
using IncidentResponse.Access.Integrations;
using IncidentResponse.Contracts.Api.Integrations;

namespace IncidentResponse.Intake.Integrations;

/// <summary>Reads and writes an integration's severity map.</summary>
public static class IntegrationDefaults
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyDictionary<string, SeverityImpact> SeverityMapOf(IntegrationSource integration)
    {
        ArgumentNullException.ThrowIfNull(integration);
        return JsonSerializer.Deserialize<Dictionary<string, SeverityImpact>>(integration.SeverityMap, Json)
            ?? new Dictionary<string, SeverityImpact>(SeverityImpact.Defaults);
    }

    public static string Write(IReadOnlyDictionary<string, SeverityImpact> map) => JsonSerializer.Serialize(map, Json);
}
