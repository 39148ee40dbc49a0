using System.Text.Json.Nodes;
using IncidentResponse.Host.Tests.Docs;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>Every Kubernetes manifest under <c>infra/kubernetes</c>, each document with the file it came from.</summary>
internal static class KubernetesManifests
{
    public const string Folder = "infra/kubernetes";

    public sealed record Manifest(string File, JsonNode Body)
    {
        public string Kind => Body["kind"]?.GetValue<string>() ?? "";

        public string Name => Body["metadata"]?["name"]?.GetValue<string>() ?? "";

        public override string ToString() => $"{File}: {Kind} {Name}";
    }

    /// <summary>The manifests of every <c>*.yaml</c> file but kustomize's own <c>kustomization.yaml</c>.</summary>
    public static IReadOnlyList<Manifest> All { get; } = Load();

    public static IEnumerable<string> Files(string under = "") =>
        Directory.EnumerateFiles(Path.Combine(RepositoryDocs.Root, Folder, under), "*.y*ml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepositoryDocs.Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static IEnumerable<Manifest> OfKind(string kind) => All.Where(m => m.Kind == kind);

    public static Manifest Named(string kind, string name) => All.Single(m => m.Kind == kind && m.Name == name);

    /// <summary>The pod templates of the Deployments and Jobs, with their owner.</summary>
    public static IEnumerable<(Manifest Owner, JsonObject Pod)> PodSpecs() =>
        All.Where(m => m.Kind is "Deployment" or "Job").Select(m => (m, m.Body["spec"]!["template"]!["spec"]!.AsObject()));

    private static List<Manifest> Load() =>
        [.. Files().Where(f => Path.GetFileName(f) != "kustomization.yaml")
            .SelectMany(f => YamlJson.Documents(RepositoryDocs.Read(f)).Select(d => new Manifest(f, d)))];
}
