using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/directory</c>: the partner directory's units and people (read only: the directory is a versioned YAML file).</summary>
public sealed class DirectoryModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];

    public ILookup<string, PersonRow> PeopleByUnit { get; private set; } = Array.Empty<PersonRow>().ToLookup(p => p.Unit);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await api.GetAsync<PageOf<UnitRow>>("api/v1/units", cancellationToken);
        var people = await api.GetAsync<PageOf<PersonRow>>("api/v1/people", cancellationToken);
        if (!units.Ok || !people.Ok)
        {
            return StatusCode((int)(units.Ok ? people.Status : units.Status));
        }

        Units = units.Value!.Items;
        PeopleByUnit = people.Value!.Items.ToLookup(p => p.Unit);
        return Page();
    }
}
