using System.Net;
using IncidentResponse.Contracts.Api.Notifications;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Portal;

/// <summary>
/// The partner portal: the incidents engaging the signed-in responder's unit, as far as TLP lets the
/// unit see them (the portal API decides both). The committee may look through a unit's eyes with <c>?unit=</c>.
/// </summary>
public sealed class IndexModel(ConsoleApi api) : ConsolePageModel
{
    public const int PageSize = 50;

    public PageOf<PortalIncident>? Incidents { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool All { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var query = $"api/v1/portal/incidents?open={(!All).ToString().ToLowerInvariant()}&pageSize={PageSize}" + (string.IsNullOrWhiteSpace(Unit) ? "" : "&unit=" + Uri.EscapeDataString(Unit.Trim()));
        var result = await api.GetAsync<PageOf<PortalIncident>>(query, HttpContext.RequestAborted);
        if (result.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Incidents = result.Value;
        return Page();
    }
}
