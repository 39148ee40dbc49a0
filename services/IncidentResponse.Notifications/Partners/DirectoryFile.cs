using System.Globalization;

namespace IncidentResponse.Notifications.Partners;

/// <summary>One version of the partner directory as written in <c>directory-*.yaml</c>.</summary>
public sealed class DirectoryFile
{
    public string Version { get; set; } = "";

    public string EffectiveFrom { get; set; } = "";

    public List<UnitDefinition> Units { get; set; } = [];

    public List<PersonDefinition> People { get; set; } = [];

    /// <summary>
    /// The legal regimes' recipient roles (<c>steering-committee</c>, <c>specialised-unit</c>, <c>national-coordinator</c>,
    /// <c>provincial-police</c>, <c>a05</c>, …) → the units that fill them in this version. <see cref="RecipientRoles.Owner"/>
    /// is not listed: it is the affected system's owner agency, found per incident.
    /// </summary>
    public Dictionary<string, List<string>> RecipientRoles { get; set; } = [];

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

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var unit in Units)
        {
            foreach (var key in new[] { unit.NameVi, unit.NameEn }.Concat(unit.Aliases).Select(NameKey.Of).Where(k => k.Length > 0).Distinct())
            {
                if (!names.TryAdd(key, unit.Code) && names[key] != unit.Code)
                {
                    errors.Add($"unit {unit.Code}: name or alias '{key}' is also unit {names[key]}'s");
                }
            }
        }

        foreach (var (role, units) in RecipientRoles)
        {
            if (role == Partners.RecipientRoles.Owner || string.IsNullOrWhiteSpace(role) || !role.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                errors.Add($"recipientRoles: '{role}' is not a role name (lower-case letters, digits, '-'; '{Partners.RecipientRoles.Owner}' is found per incident)");
            }

            if (units.Count == 0)
            {
                errors.Add($"recipientRoles: {role} names no unit");
            }

            errors.AddRange(units.Where(u => !codes.Contains(u)).Select(u => $"recipientRoles: {role} names unknown unit {u}"));
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

    /// <summary>Every webhook address of the directory, with whose it is (checked against the plain-http rule at start).</summary>
    public IEnumerable<(string Owner, string Address)> Webhooks() =>
        Units.SelectMany(u => u.DutyPoint.Channels.Concat(u.ExerciseContacts).Select(c => (Owner: $"unit {u.Code}", c.Webhook)))
            .Concat(People.SelectMany(p => p.Channels.Select(c => (Owner: $"person {p.Id}", c.Webhook))))
            .Where(w => w.Webhook is not null)
            .Select(w => (w.Owner, w.Webhook!.Trim()));
}
