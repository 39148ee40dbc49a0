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

    /// <summary>No roles known (the directory could not be read): every recipient shows as written.</summary>
    public static RecipientNames None { get; } = new([]);

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
