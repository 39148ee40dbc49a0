using System.Text.Json;

namespace IncidentResponse.Triage.Incidents;

/// <summary>How the triage service stores structured values (reports, assessments) in text columns.</summary>
public static class IncidentJson
{
    public static JsonSerializerOptions Options { get; } = ServiceDefaults.Data.StoredJson.Create();

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
