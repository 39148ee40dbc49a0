using System.Text.Json;
using IncidentResponse.Contracts.Api.OnCall;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/escalation</c>: coverage gaps of the on-call schedules ahead and the escalation policies in force (read only).</summary>
public sealed class EscalationModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<GapWarning> Gaps { get; private set; } = [];

    public string Policies { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var gaps = await api.GetAsync<List<GapWarning>>("api/v1/oncall/gaps", cancellationToken);
        var policies = await api.GetAsync<JsonElement>("api/v1/escalation/policies", cancellationToken);
        if (!gaps.Ok || !policies.Ok)
        {
            return StatusCode((int)(gaps.Ok ? policies.Status : gaps.Status));
        }

        Gaps = gaps.Value!;
        Policies = JsonText.Pretty(policies.Value);
        return Page();
    }
}
