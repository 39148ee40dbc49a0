using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using IncidentResponse.Host.Tests.Docs;
using Json.Schema;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// The JSON schemas vendored in <c>infra/kubernetes/schemas</c> (see its README: Kubernetes' own
/// definitions, strict, and the operators' CRDs), by <c>apiVersion/kind</c>. Offline: nothing is fetched.
/// </summary>
internal static class KubernetesSchemas
{
    public const string Folder = "infra/kubernetes/schemas";

    private static readonly Lazy<Dictionary<string, Func<JsonSchema>>> Catalog = new(Load);
    private static readonly ConcurrentDictionary<string, JsonSchema> Built = new(StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Kinds => Catalog.Value.Keys;

    /// <summary>What is wrong with one manifest: one line per failed keyword, with its place in the document; empty when valid.</summary>
    public static List<string> Problems(JsonNode manifest)
    {
        var kind = $"{manifest["apiVersion"]?.GetValue<string>()}/{manifest["kind"]?.GetValue<string>()}";
        if (!Catalog.Value.TryGetValue(kind, out var build))
        {
            return [$"no schema for {kind} (known: {string.Join(", ", Catalog.Value.Keys.Order(StringComparer.Ordinal))}); vendor it with {Folder}/vendor.py"];
        }

        var schema = Built.GetOrAdd(kind, _ => build());
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.Hierarchical });
        var problems = new List<string>();
        Collect(results, problems);
        return results.IsValid ? [] : problems.Count > 0 ? problems : ["invalid (no detail)"];
    }

    /// <summary>The errors of the failed nodes only: the failing branch of a oneOf that another branch satisfied is no problem.</summary>
    private static void Collect(EvaluationResults result, List<string> problems)
    {
        if (result.IsValid)
        {
            return;
        }

        foreach (var (keyword, message) in result.Errors ?? new Dictionary<string, string>())
        {
            problems.Add($"{result.InstanceLocation}: {keyword}: {message}");
        }

        foreach (var detail in result.Details ?? [])
        {
            Collect(detail, problems);
        }
    }

    private static Dictionary<string, Func<JsonSchema>> Load()
    {
        var folder = Path.Combine(RepositoryDocs.Root, Folder);
        var catalog = new Dictionary<string, Func<JsonSchema>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json"))
        {
            var root = JsonNode.Parse(File.ReadAllText(file))!.AsObject();
            if (root["x-kinds"] is JsonObject kinds)
            {
                // Kubernetes' own definitions: one schema per kind, a $ref into the shared $defs.
                foreach (var (kind, definition) in kinds)
                {
                    var name = definition!.GetValue<string>();
                    catalog[kind] = () => Build(kind, WithRoot(root, name, kind));
                }
            }
            else if (root["x-kind"] is JsonValue crdKind)
            {
                var kind = crdKind.GetValue<string>();
                catalog[kind] = () => Build(kind, WithoutNotes(root).ToJsonString());
            }
        }

        return catalog;
    }

    /// <summary>The shared definitions with a root that is the kind's definition, its apiVersion and kind pinned.</summary>
    private static string WithRoot(JsonObject shared, string definition, string kind)
    {
        var slash = kind.LastIndexOf('/');
        var copy = WithoutNotes(shared);
        copy["$ref"] = $"#/$defs/{definition}";
        copy["properties"] = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["const"] = kind[..slash] },
            ["kind"] = new JsonObject { ["const"] = kind[(slash + 1)..] },
        };
        copy["required"] = new JsonArray("apiVersion", "kind", "metadata");
        return copy.ToJsonString();
    }

    /// <summary>The schema without the vendoring notes (x-source, x-kinds …), which are no keywords.</summary>
    private static JsonObject WithoutNotes(JsonObject root)
    {
        var copy = root.DeepClone().AsObject();
        foreach (var note in copy.Select(kv => kv.Key).Where(k => k.StartsWith("x-", StringComparison.Ordinal)).ToList())
        {
            copy.Remove(note);
        }

        return copy;
    }

    private static JsonSchema Build(string kind, string text) =>
        JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }, new Uri($"https://incidentresponse.invalid/schemas/{kind}"));
}
