using IncidentResponse.Host.Tests.Docs;

namespace IncidentResponse.Host.Tests.Deployment;

/// <summary>
/// Whether an environment variable names a setting the Host reads: <c>Section__Property</c> for a
/// <c>Section:Property</c> row of docs/configuration.md (which <c>ConfigurationReferenceTests</c> keeps
/// equal to the options classes), an entry of a list (<c>…__0</c>) or of a map (<c>…:&lt;name&gt;</c>).
/// </summary>
internal static class HostSettings
{
    private static readonly Lazy<List<string>> Documented = new(() =>
        [.. RepositoryDocs.Read("docs/configuration.md").Split('\n')
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(l => RepositoryDocs.CodeSpans(RepositoryDocs.Cells(l)[0]))]);

    public static bool IsSetting(string variable)
    {
        var key = variable.Replace("__", ":", StringComparison.Ordinal);
        return Documented.Value.Any(d => Matches(d, key));
    }

    private static bool Matches(string documented, string key)
    {
        var placeholder = documented.IndexOf(":<", StringComparison.Ordinal);
        if (placeholder >= 0)
        {
            // Notifications:Secrets:<secretRef> takes any one name there.
            var prefix = documented[..(placeholder + 1)];
            var rest = documented[(documented.IndexOf('>', placeholder) + 1)..];
            return key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length
                && (rest.Length == 0 ? !key[prefix.Length..].Contains(':', StringComparison.Ordinal) : key.EndsWith(rest, StringComparison.Ordinal));
        }

        // A list is written entry by entry: Web:Proxy:KnownNetworks:0.
        return key == documented || (key.StartsWith(documented + ":", StringComparison.Ordinal) && int.TryParse(key[(documented.Length + 1)..], out _));
    }
}
