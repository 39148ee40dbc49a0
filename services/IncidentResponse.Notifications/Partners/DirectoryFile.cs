using System.Globalization;

namespace IncidentResponse.Notifications.Partners;

/// <summary>One version of the partner directory as written in <c>directory-*.yaml</c>.</summary>
public sealed class DirectoryFile
{
    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public List<UnitDefinition> Units { get; set; } = [];

    public List<PersonDefinition> People { get; set; } = [];

    public DateTimeOffset EffectiveFromTime =>
        DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out var at) ? at : DateTimeOffset.MaxValue;

    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Version))
        {
            errors.Add("version is missing");
        }

        if (!DateTimeOffset.TryParse(EffectiveFrom, CultureInfo.InvariantCulture, out _))
        {
            errors.Add("effectiveFrom is not a date and time with offset");
        }

        var codes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in Units)
        {
            if (!codes.Add(unit.Code))
            {
                errors.Add($"unit {unit.Code} is listed twice");
            }

            errors.AddRange(unit.Problems().Select(p => $"unit {unit.Code}: {p}"));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var person in People)
        {
            if (!ids.Add(person.Id))
            {
                errors.Add($"person {person.Id} is listed twice");
            }

            if (!codes.Contains(person.Unit))
            {
                errors.Add($"person {person.Id}: unit {person.Unit} is not in the directory");
            }

            errors.AddRange(person.Problems().Select(p => $"person {person.Id}: {p}"));
        }

        if (errors.Count > 0)
        {
            throw new InvalidDataException($"directory {Version}: {string.Join("; ", errors)}");
        }
    }
}
