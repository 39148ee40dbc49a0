using System.Text.Json;

namespace IncidentResponse.Notifications.Partners;

/// <summary>How the notifications service writes JSON it stores (channels, notices).</summary>
public static class DirectoryJson
{
    public static JsonSerializerOptions Options { get; } = ServiceDefaults.Data.StoredJson.Create();

    public static IReadOnlyList<ContactChannel> Channels(string json) =>
        JsonSerializer.Deserialize<List<ContactChannel>>(json, Options) ?? [];
}
