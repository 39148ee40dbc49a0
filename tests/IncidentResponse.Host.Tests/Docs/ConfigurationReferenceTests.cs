using System.Collections;
using System.Globalization;
using System.Reflection;

namespace IncidentResponse.Host.Tests.Docs;

/// <summary>
/// <c>docs/configuration.md</c> names every setting the code reads, and nothing else. A setting is written
/// <c>Section:Property</c> in the first cell of a table row; an options class is any class of the service
/// assemblies with a <c>const string Section</c> (what <c>BindConfiguration</c> binds), and its settings are
/// its public settable properties. Adding a property without documenting it, or leaving a removed one in
/// the document, fails here; so does a default in the document that the class no longer has.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    private const string Document = "docs/configuration.md";

    /// <summary>
    /// Options bound once per name under their section (<c>AddOptions&lt;T&gt;(name).BindConfiguration($"{Section}:{name}")</c>):
    /// documented with the name as a placeholder.
    /// </summary>
    private static readonly Dictionary<string, string> NamedOptions = new(StringComparer.Ordinal)
    {
        ["ResilienceOptions"] = "<channel>", // Notifications:Resilience:<email|webhook|sms> (ChannelsServiceCollectionExtensions)
    };

    /// <summary>
    /// Settings read straight from configuration, not through an options class. Each must appear as a
    /// string literal in the services' code (checked below), so a key renamed there shows up here.
    /// </summary>
    private static readonly string[] DirectSettings =
    [
        "Roles",                          // IncidentResponseHost: the services this Host runs
        "Urls",                           // ASP.NET Core's own; also the default public address of links
        "Security:LinkSigningKey",        // LinkSigner
        "Security:LinkSigningPreviousKeys", // LinkSigner: keys being retired (documented as :<n>)
        "HostIdentity:StableName",        // HostIdentity.StableNameKey
        "Web:PlaybooksDirectory",         // PlaybookIndex.DirectorySetting
        "Logging:Console:FormatterName",  // ObservabilityExtensions
        "OTEL_EXPORTER_OTLP_ENDPOINT",    // ObservabilityExtensions
    ];

    [Fact]
    public void Every_setting_of_every_options_class_is_in_the_configuration_reference()
    {
        var documented = DocumentedSettings();

        var missing = CodeSettings().Keys.Where(key => !documented.Keys.Any(d => Matches(d, key))).ToList();

        Assert.True(missing.Count == 0, $"{Document} lacks (add a row whose first cell names it in backticks): {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_setting_the_configuration_reference_names_exists_in_the_code()
    {
        var code = CodeSettings();

        var stale = DocumentedSettings().Keys.Where(d => !code.Keys.Any(key => Matches(d, key))).ToList();

        Assert.True(stale.Count == 0, $"{Document} names settings the code does not read: {string.Join(", ", stale)}");
    }

    [Fact]
    public void Every_setting_read_directly_from_configuration_is_still_read_by_that_name()
    {
        var sources = Directory.EnumerateFiles(Path.Combine(RepositoryDocs.Root, "services"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var gone = DirectSettings.Where(key => !sources.Any(s => s.Contains($"\"{key}\"", StringComparison.Ordinal))).ToList();

        Assert.True(gone.Count == 0, $"no code reads these any more; remove them from {Document} and from this test: {string.Join(", ", gone)}");
    }

    [Fact]
    public void The_configuration_reference_gives_each_setting_the_default_its_options_class_has()
    {
        var documented = DocumentedSettings();
        var wrong = new List<string>();

        foreach (var (key, fallback) in CodeSettings())
        {
            if (fallback is not null && documented.TryGetValue(key, out var row) && !RepositoryDocs.CodeSpans(row).Contains(fallback, StringComparer.Ordinal))
            {
                wrong.Add($"{key}: the code's default is `{fallback}`, the row says \"{row}\"");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>A documented key names a code key exactly, or an entry of it (<c>Notifications:Secrets:&lt;secretRef&gt;</c>).</summary>
    private static bool Matches(string documented, string key) =>
        documented == key || documented.StartsWith(key + ":<", StringComparison.Ordinal);

    /// <summary>Every setting the code reads, with the default as the document writes it (null: none, or one that depends on the machine).</summary>
    private static Dictionary<string, string?> CodeSettings()
    {
        var settings = DirectSettings.ToDictionary(k => k, _ => (string?)null, StringComparer.Ordinal);
        foreach (var type in RepositoryDocs.ServiceAssemblies.SelectMany(a => a.GetTypes()).Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } field || field.GetRawConstantValue() is not string section)
            {
                continue;
            }

            var prefix = NamedOptions.TryGetValue(type.Name, out var name) ? $"{section}:{name}" : section;
            AddProperties(settings, prefix, type);
        }

        return settings;
    }

    private static void AddProperties(Dictionary<string, string?> settings, string prefix, Type type)
    {
        var defaults = Activator.CreateInstance(type);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
        {
            var key = $"{prefix}:{property.Name}";
            if (IsNestedOptions(property.PropertyType))
            {
                // A nested options object: its own properties are Section:Child:Property.
                AddProperties(settings, key, property.PropertyType);
                continue;
            }

            settings[key] = Written(property.GetValue(defaults));
        }
    }

    private static bool IsNestedOptions(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !typeof(IEnumerable).IsAssignableFrom(type)
        && type.GetConstructor(Type.EmptyTypes) is not null;

    /// <summary>A default as the document writes it in backticks; null for none, collections, and paths under the Host's own directory.</summary>
    private static string? Written(object? value) => value switch
    {
        null => null,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s when s.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal) => null,
        string s => s,
        IEnumerable => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>Each documented key with the rest of its row (the default and meaning cells); a key is documented once.</summary>
    private static Dictionary<string, string> DocumentedSettings()
    {
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in RepositoryDocs.Read(Document).Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)))
        {
            var cells = RepositoryDocs.Cells(line);
            foreach (var key in RepositoryDocs.CodeSpans(cells[0]))
            {
                Assert.True(rows.TryAdd(key, string.Join(" | ", cells.Skip(1))), $"{Document} documents {key} twice");
            }
        }

        Assert.NotEmpty(rows);
        return rows;
    }
}
