using System.Text.Json;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>Pretty JSON of an API answer shown as it is (escalation policies).</summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Pretty(JsonElement element) => JsonSerializer.Serialize(element, Indented);
}
