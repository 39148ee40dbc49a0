using System.Collections.Concurrent;
using System.Text.Json;
using IncidentResponse.Contracts;

namespace IncidentResponse.ServiceDefaults.Outbox;

/// <summary>Stores messages as JSON with their contract type name; only contract types can be read back.</summary>
public static class OutboxSerializer
{
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    public static JsonSerializerOptions Options { get; } = Data.StoredJson.Create();

    public static Type ResolveType(string name) => Types.GetOrAdd(name, static n =>
        ContractsAssembly.Assembly.GetType(n, throwOnError: false)
        ?? throw new InvalidOperationException($"Outbox message type '{n}' is not a contract"));

    public static string Serialize(object message) => JsonSerializer.Serialize(message, message.GetType(), Options);
}
