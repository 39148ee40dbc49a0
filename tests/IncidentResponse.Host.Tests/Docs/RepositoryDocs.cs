using System.Reflection;
using System.Text.RegularExpressions;

namespace IncidentResponse.Host.Tests.Docs;

/// <summary>The repository's documentation and the service assemblies it describes, for tests that keep the two in step.</summary>
internal static partial class RepositoryDocs
{
    /// <summary>The directory holding <c>IncidentResponse.sln</c>, found by walking up from the test's output directory.</summary>
    public static string Root { get; } = FindRoot();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The Host's assembly and every <c>IncidentResponse.*</c> assembly it references, directly or not.</summary>
    public static IReadOnlyList<Assembly> ServiceAssemblies { get; } = LoadServiceAssemblies();

    /// <summary>The names written in backticks in a piece of Markdown (<c>`Triage:BatchSize`</c> → <c>Triage:BatchSize</c>).</summary>
    public static IEnumerable<string> CodeSpans(string markdown) => CodeSpan().Matches(markdown).Select(m => m.Groups[1].Value);

    /// <summary>The cells of a Markdown table row, trimmed, without the outer pipes.</summary>
    public static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "IncidentResponse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("IncidentResponse.sln not found above " + AppContext.BaseDirectory);
    }

    private static List<Assembly> LoadServiceAssemblies()
    {
        var found = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        var pending = new Stack<Assembly>([typeof(IncidentResponseHost).Assembly]);
        while (pending.TryPop(out var assembly))
        {
            if (!found.TryAdd(assembly.GetName().Name!, assembly))
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("IncidentResponse.", StringComparison.Ordinal)))
            {
                if (!found.ContainsKey(reference.Name!))
                {
                    pending.Push(Assembly.Load(reference));
                }
            }
        }

        return [.. found.Values.OrderBy(a => a.GetName().Name, StringComparer.Ordinal)];
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
