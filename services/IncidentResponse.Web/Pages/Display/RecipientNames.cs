using IncidentResponse.Contracts.Api.Directory;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// Who a duty's recipients are, by name: triage keeps the legal regimes' roles (<c>national-coordinator</c>, <c>owner</c> …) and
/// <c>/api/v1/recipient-roles</c> resolves them to the units of the directory in force; a unit's code (a document sent to a
/// unit) is named from <paramref name="units"/>. A role it does not resolve (the owner of no one incident, on the duties board)
/// gets its meaning; anything else (an e-mail address, a recipient a person typed when recording a submission) is shown as
/// it was written.
/// </summary>
public sealed class RecipientNames(IReadOnlyList<RecipientRoleView> roles, IReadOnlyList<UnitView>? units = null)
{
    private readonly Dictionary<string, IReadOnlyList<RecipientUnitView>> _byRole =
        roles.ToDictionary(r => r.Role, r => r.Units, StringComparer.Ordinal);

    private readonly Dictionary<string, UnitView> _units = (units ?? []).ToDictionary(u => u.Code, StringComparer.Ordinal);

    /// <summary>The directory's active units, by Vietnamese name (a unit to engage is chosen from these).</summary>
    public IReadOnlyList<UnitView> ActiveUnits => [.. _units.Values.Where(u => u.Active).OrderBy(u => u.NameVi, Vietnamese)];

    /// <summary>Vietnamese alphabetical order (Đ after D, not after Z).</summary>
    private static readonly StringComparer Vietnamese = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    /// <summary>A unit's name in the page's language, or its code when the directory does not name it.</summary>
    public string UnitName(string code, Func<string, string, string> lang)
    {
        ArgumentNullException.ThrowIfNull(lang);
        return _units.TryGetValue(code, out var unit) ? lang(unit.NameVi, unit.NameEn) : code;
    }

    /// <summary>No roles known (the directory could not be read): every recipient shows as written.</summary>
    public static RecipientNames None { get; } = new([]);

    /// <summary>
    /// Reads the roles (as resolved for <paramref name="incident"/>, whose owner is then its unit; the directory's alone when
    /// notifications does not have the incident yet) and the units, side by side.
    /// </summary>
    public static async Task<RecipientNames> ReadAsync(Console.ConsoleApi api, Guid? incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        var rolesTask = api.GetAsync<List<RecipientRoleView>>(incident is { } id ? $"api/v1/recipient-roles?incident={id}" : "api/v1/recipient-roles", cancellationToken);
        var unitsTask = api.GetAsync<ServiceDefaults.Web.PageOf<UnitView>>("api/v1/units?includeInactive=true", cancellationToken);
        await Task.WhenAll(rolesTask, unitsTask);
        var roles = (await rolesTask).Value;
        if (roles is null && incident is not null)
        {
            roles = (await api.GetAsync<List<RecipientRoleView>>("api/v1/recipient-roles", cancellationToken)).Value;
        }

        return roles is null ? None : new RecipientNames(roles, (await unitsTask).Value?.Items);
    }

    /// <summary>The recipients in the page's language (<paramref name="lang"/> picks Vietnamese or English), comma-separated.</summary>
    public string Of(IEnumerable<string> recipients, Func<string, string, string> lang)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(lang);
        return string.Join(", ", recipients.Select(r => Name(r, lang)).Distinct(StringComparer.Ordinal));
    }

    private string Name(string recipient, Func<string, string, string> lang) =>
        _byRole.TryGetValue(recipient, out var units) && units.Count > 0
            ? string.Join(", ", units.Select(u => lang(u.NameVi, u.NameEn)))
            : _units.TryGetValue(recipient, out var unit) ? lang(unit.NameVi, unit.NameEn)
            : recipient == "owner" ? lang("đơn vị chủ quản hệ thống bị ảnh hưởng", "the affected system's owner") : recipient;
}
