using System.Net;
using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Duties;

/// <summary>
/// <c>/duties</c>: the "duties due" board — the open legal duties of every incident, earliest due first
/// (<c>/api/v1/duties</c>), each linking to its incident where it is submitted or waived.
/// </summary>
public sealed class IndexModel(ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<DutyView> Duties { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (User.IsInRole(AccessRoles.Responder))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Now = time.GetUtcNow();
        var read = await api.GetAsync<List<DutyView>>("api/v1/duties", cancellationToken);
        if (read.Status == HttpStatusCode.Forbidden)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Duties = read.Value ?? [];
        return Page();
    }
}
