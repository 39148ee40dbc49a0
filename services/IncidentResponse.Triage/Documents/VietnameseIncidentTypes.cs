using System.Collections.Concurrent;
using System.Globalization;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Rules;

namespace IncidentResponse.Triage.Documents;

/// <summary>
/// The ten Vietnamese incident types of the periodic summary (Mẫu 05) and the mapping from RSIT,
/// read from <c>vn-incident-types*.yaml</c> in the rules directory ("rules are data").
/// </summary>
public sealed class VietnameseIncidentTypes
{
    public const string FilePattern = "vn-incident-types*.yaml";

    private static readonly ConcurrentDictionary<string, VietnameseIncidentTypes> Loaded = new(StringComparer.Ordinal);

    public string Version { get; set; } = "";

    public string Fallback { get; set; } = "";

    public List<VietnameseIncidentType> Types { get; set; } = [];

    /// <summary>The mapping in <paramref name="rulesDirectory"/>, read once per directory.</summary>
    public static VietnameseIncidentTypes In(string rulesDirectory) => Loaded.GetOrAdd(rulesDirectory, Load);

    public static VietnameseIncidentTypes Load(string rulesDirectory)
    {
        var files = Directory.EnumerateFiles(rulesDirectory, FilePattern).ToList();
        if (files.Count != 1)
        {
            throw new InvalidDataException($"{rulesDirectory} needs exactly one {FilePattern}");
        }

        var types = RuleFiles.Read<VietnameseIncidentTypes>(files[0]);
        types.Validate();
        return types;
    }

    public void Validate()
    {
        if (Types.Count != 10)
        {
            throw new InvalidDataException($"vn-incident-types: expected the ten types of Mẫu 05, found {Types.Count}");
        }

        if (Types.All(t => t.Id != Fallback))
        {
            throw new InvalidDataException($"vn-incident-types: fallback {Fallback} is not a type");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in Types.SelectMany(t => t.Rsit))
        {
            if (!Rsit.IsKnown(value) && !Rsit.Classes.ContainsKey(value))
            {
                throw new InvalidDataException($"vn-incident-types: {value} is not an RSIT class or class:type");
            }

            if (!seen.Add(value))
            {
                throw new InvalidDataException($"vn-incident-types: {value} is mapped twice");
            }
        }
    }

    /// <summary>The type an incident is counted under: title keywords, then its exact RSIT value, then its class, then the fallback.</summary>
    public VietnameseIncidentType Of(string classification, string? title)
    {
        ArgumentNullException.ThrowIfNull(classification);
        var lowered = (title ?? "").ToLower(CultureInfo.GetCultureInfo("vi-VN")).Normalize();
        return Types.FirstOrDefault(t => t.Keywords.Any(k => lowered.Contains(k.ToLower(CultureInfo.GetCultureInfo("vi-VN")).Normalize(), StringComparison.Ordinal)))
            ?? Types.FirstOrDefault(t => t.Rsit.Contains(classification, StringComparer.Ordinal))
            ?? Types.FirstOrDefault(t => t.Rsit.Contains(Rsit.ClassOf(classification), StringComparer.Ordinal))
            ?? Types.First(t => t.Id == Fallback);
    }
}

/// <summary>One Vietnamese incident type: its name and the RSIT values and title keywords counted under it.</summary>
public sealed class VietnameseIncidentType
{
    public string Id { get; set; } = "";

    public LocalisedName Name { get; set; } = new();

    public List<string> Rsit { get; set; } = [];

    public List<string> Keywords { get; set; } = [];
}

/// <summary>A name in Vietnamese and English.</summary>
public sealed class LocalisedName
{
    public string Vi { get; set; } = "";

    public string En { get; set; } = "";
}
