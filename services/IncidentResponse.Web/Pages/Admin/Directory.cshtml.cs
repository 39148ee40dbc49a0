using IncidentResponse.Contracts.Api.Directory;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/directory</c>: the partner directory's units and people (read only: the directory is a versioned YAML file).</summary>
public sealed class DirectoryModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<UnitView> Units { get; private set; } = [];

    public ILookup<string, PersonView> PeopleByUnit { get; private set; } = Array.Empty<PersonView>().ToLookup(p => p.Unit);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var units = await api.GetAsync<PageOf<UnitView>>("api/v1/units", cancellationToken);
        var people = await api.GetAsync<PageOf<PersonView>>("api/v1/people", cancellationToken);
        if (!units.Ok || !people.Ok)
        {
            return StatusCode((int)(units.Ok ? people.Status : units.Status));
        }

        Units = units.Value!.Items;
        PeopleByUnit = people.Value!.Items.ToLookup(p => p.Unit);
        return Page();
    }
}
