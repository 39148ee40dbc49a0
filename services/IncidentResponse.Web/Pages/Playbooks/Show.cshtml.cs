using System.Net;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;
using static IncidentResponse.Web.Playbooks.PlaybookEndpoints;

namespace IncidentResponse.Web.Pages.Playbooks;

/// <summary><c>/playbooks/{slug}</c>: one response playbook in the reader's language.</summary>
public sealed class ShowModel(ConsoleApi api) : ConsolePageModel
{
    public PlaybookView Playbook { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var answer = await api.GetAsync<PlaybookView>($"api/v1/playbooks/{Uri.EscapeDataString(slug)}?lang={Lang.Code(HttpContext)}", cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (!answer.Ok || answer.Value is null)
        {
            return StatusCode((int)answer.Status);
        }

        Playbook = answer.Value;
        return Page();
    }
}
