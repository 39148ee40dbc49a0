namespace IncidentResponse.Notifications.Partners;

/// <summary>
/// The recipient roles the legal regimes name (<c>recipients:</c> in Triage's <c>legal-regimes.yaml</c>) and how
/// notifications resolves them: each role to the units the directory in force lists under <c>recipientRoles</c>,
/// and <see cref="Owner"/> to the unit whose name or alias is the incident's owner agency.
/// </summary>
public static class RecipientRoles
{
    /// <summary>The affected system's owner agency (chủ quản): found per incident, never listed in the directory.</summary>
    public const string Owner = "owner";

    /// <summary>The units filling <paramref name="role"/> for an incident owned by <paramref name="ownerAgency"/>; empty when none does.</summary>
    public static IReadOnlyList<string> Resolve(DirectoryFile directory, string role, string? ownerAgency)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (role == Owner)
        {
            return new UnitMatcher(directory).Owner(ownerAgency) is { } owner ? [owner] : [];
        }

        return directory.RecipientRoles.TryGetValue(role, out var units) ? units : [];
    }
}
