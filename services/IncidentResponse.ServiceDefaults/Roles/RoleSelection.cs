namespace IncidentResponse.ServiceDefaults.Roles;

/// <summary>Parses the <c>Roles</c> setting (<c>--roles intake,triage</c>) against the known roles.</summary>
public static class RoleSelection
{
    public static IReadOnlyList<IServiceRole> Select(string? setting, IReadOnlyList<IServiceRole> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        if (string.IsNullOrWhiteSpace(setting) || setting.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return known;
        }

        var names = setting.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !known.Any(r => r.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidRoleSelectionException(
                $"Unknown role(s): {string.Join(", ", unknown)}. Known roles: {string.Join(", ", known.Select(r => r.Name))}.");
        }

        return known.Where(r => names.Contains(r.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }
}
