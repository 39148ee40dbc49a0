using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>
/// <c>/admin/parked-work</c>: messages that kept failing (waiting for redelivery or parked) and
/// quarantined outbox rows, through <c>/api/v1/parked-work</c>; replay or discard each (audited by the API).
/// </summary>
public sealed class ParkedWorkModel(ConsoleApi api) : ConsolePageModel
{
    public ParkedOverview Overview { get; private set; } = new([], []);

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, System.Net.HttpStatusCode.OK, cancellationToken);

    public async Task<IActionResult> OnPostReplayAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<ParkedItem>($"api/v1/parked-work/{id}/replay", null, cancellationToken);
        Message = result.Ok ? L("Đã gửi lại tin nhắn.", "The message was sent again.") : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostDiscardAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<ParkedItem>($"api/v1/parked-work/{id}/discard", null, cancellationToken);
        Message = result.Ok ? L("Đã hủy tin nhắn.", "The message was discarded.") : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    public string StateName(string state) => state switch
    {
        ParkedWorkStates.Waiting => L("Chờ gửi lại", "Waiting for redelivery"),
        ParkedWorkStates.Parked => L("Đã dừng", "Parked"),
        ParkedWorkStates.Quarantined => L("Cách ly (hộp thư đi)", "Quarantined (outbox)"),
        _ => state,
    };

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, System.Net.HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
        }

        var overview = await api.GetAsync<ParkedOverview>("api/v1/parked-work", cancellationToken);
        if (!overview.Ok)
        {
            return StatusCode((int)overview.Status);
        }

        Overview = overview.Value!;
        return Page();
    }
}
