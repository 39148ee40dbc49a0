using IncidentResponse.Access.Authorization;
using IncidentResponse.Contracts.Api.Maintenance;
using IncidentResponse.Web.Board;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Pages.Board;

/// <summary>
/// The board: open incidents by severity with their unacknowledged engagements and countdowns. The
/// page's script listens to <c>/board/events</c> and refetches <c>/?handler=fragment</c> on a change.
/// Responders have no board: they are sent to the partner portal. Maintenance windows in progress are named above it
/// (read on a page load, not on each refetch).
/// </summary>
public sealed class IndexModel(BoardReader reader, BoardShare<BoardModel> share, IOptions<BoardOptions> options, ConsoleApi api, TimeProvider time) : ConsolePageModel
{
    public IReadOnlyList<MaintenanceWindowView> Maintenance { get; private set; } = [];

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

        // A page load (a reload, a new tab) is never answered by an earlier read; refetches after a change may be.
        await LoadAsync(time.GetUtcNow());
        Maintenance = await ActiveWindowsAsync();
        return Page();
    }

    /// <param name="after">When this Host heard the change the page refetches for (the <c>at</c> of its last <c>changed</c> event).</param>
    public async Task<IActionResult> OnGetFragmentAsync(DateTimeOffset? after = null)
    {
        if (!IsCommittee())
        {
            return NotFound();
        }

        await LoadAsync(after);
        return Partial("_BoardTable", this);
    }

    /// <summary>Whether the viewer may open the held reports the banner counts (viewers may not).</summary>
    public bool MayReviewHeld => User.IsInRole(AccessRoles.Coordinator) || User.IsInRole(AccessRoles.Operator);

    /// <summary>
    /// The windows in progress; none when the list cannot be read within <see cref="BoardOptions.MaintenanceTimeout"/>: the board
    /// never waits on them, nor fails for them.
    /// </summary>
    private async Task<IReadOnlyList<MaintenanceWindowView>> ActiveWindowsAsync()
    {
        using var timeout = new CancellationTokenSource(options.Value.MaintenanceTimeout, time);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(HttpContext.RequestAborted, timeout.Token);
        try
        {
            var windows = await api.GetAsync<List<MaintenanceWindowView>>("api/v1/maintenance-windows", limit.Token);
            return windows.Ok ? [.. (windows.Value ?? []).Where(w => w.State == MaintenanceWindowView.Active)] : [];
        }
        catch (Exception ex) when ((ex is HttpRequestException or System.Text.Json.JsonException or OperationCanceledException)
                                   && !HttpContext.RequestAborted.IsCancellationRequested)
        {
            return [];
        }
    }

    private static readonly string[] CommitteeRoles = [AccessRoles.Coordinator, AccessRoles.Operator, AccessRoles.Viewer];

    private bool IsCommittee() => CommitteeRoles.Any(User.IsInRole);

    private async Task LoadAsync(DateTimeOffset? after)
    {
        Now = time.GetUtcNow();

        // Viewers of one role share a read made within Web:Board:ShareFor (see BoardShare).
        var role = string.Join(',', CommitteeRoles.Where(User.IsInRole));
        (Rows, Total, Failed) = await share.GetAsync(role, after, c => reader.ReadAsync(Max, c), m => m.Failed, HttpContext.RequestAborted);
    }
}
