using IncidentResponse.Access.Authorization;
using IncidentResponse.Web.Board;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Pages.Board;

/// <summary>
/// The board: open incidents by severity with their unacknowledged engagements and countdowns. The
/// page's script listens to <c>/board/events</c> and refetches <c>/?handler=fragment</c> on a change.
/// Responders have no board: they are sent to the partner portal.
/// </summary>
public sealed class IndexModel(BoardReader reader, IOptions<BoardOptions> options, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<BoardRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public bool Failed { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public int Max => options.Value.MaxIncidents;

    public async Task<IActionResult> OnGetAsync()
    {
        if (!IsCommittee())
        {
            return Redirect("/portal");
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetFragmentAsync()
    {
        if (!IsCommittee())
        {
            return NotFound();
        }

        await LoadAsync();
        return Partial("_BoardTable", this);
    }

    private bool IsCommittee() => User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator) || User.IsInRole(AccessRoles.Viewer);

    private async Task LoadAsync()
    {
        Now = time.GetUtcNow();
        (Rows, Total, Failed) = await reader.ReadAsync(Max, HttpContext.RequestAborted);
    }
}
