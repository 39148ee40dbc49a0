using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;
using static IncidentResponse.Web.Playbooks.PlaybookEndpoints;

namespace IncidentResponse.Web.Pages.Playbooks;

/// <summary><c>/playbooks</c>: every response playbook; <c>?class=availability:ddos</c> goes to the one for that class.</summary>
public sealed class IndexModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<PlaybookSummary> Playbooks { get; private set; } = [];

    /// <summary>The classification asked for that no playbook covers.</summary>
    public string? Unmatched { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "class")] string? classification, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(classification))
        {
            var match = await api.GetAsync<PageOf<PlaybookSummary>>($"api/v1/playbooks?class={Uri.EscapeDataString(classification.Trim())}", cancellationToken);
            if (match.Ok && match.Value?.Items is [var playbook])
            {
                return Redirect($"/playbooks/{Uri.EscapeDataString(playbook.Slug)}");
            }

            Unmatched = classification.Trim();
        }

        var all = await api.GetAsync<PageOf<PlaybookSummary>>("api/v1/playbooks", cancellationToken);
        if (!all.Ok || all.Value is null)
        {
            return StatusCode((int)all.Status);
        }

        Playbooks = all.Value.Items;
        return Page();
    }
}
