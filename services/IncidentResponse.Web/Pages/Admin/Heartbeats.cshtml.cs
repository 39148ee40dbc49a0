using System.Net;
using IncidentResponse.Contracts.Api.Heartbeats;
using IncidentResponse.Contracts.Api.Integrations;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary>
/// <c>/admin/heartbeats</c>: the heartbeats monitoring sources must send (which are overdue, which were missed), and a form to
/// require one or change its interval, through <c>/api/v1/heartbeats</c>.
/// </summary>
public sealed class HeartbeatsModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<HeartbeatView> Heartbeats { get; private set; } = [];

    public IReadOnlyDictionary<Guid, IntegrationView> Integrations { get; private set; } = new Dictionary<Guid, IntegrationView>();

    [BindProperty]
    public HeartbeatInput Heartbeat { get; set; } = new();

    public string? Message { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, HttpStatusCode.OK, cancellationToken);

    public async Task<IActionResult> OnPostDefineAsync(CancellationToken cancellationToken)
    {
        var name = Heartbeat.Name?.Trim() ?? "";
        // "." and ".." would be resolved as path segments (another route): the API refuses "-" at the name, as it would them.
        var result = await api.PutAsync<HeartbeatView>($"api/v1/heartbeats/{Uri.EscapeDataString(name is "" or "." or ".." ? "-" : name)}", new
        {
            integrationId = Heartbeat.IntegrationId,
            intervalSeconds = Heartbeat.IntervalMinutes is { } minutes and > 0 and <= 100_000 ? minutes * 60 : (int?)null,
        }, cancellationToken);
        if (result.Ok)
        {
            Message = L($"Đã đặt tín hiệu định kỳ {result.Value!.Name}.", $"Heartbeat {result.Value!.Name} set.");
            Heartbeat = new();
            ModelState.Clear();
        }

        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    /// <summary>Removes a heartbeat; its open heartbeat-missed alert is resolved as when the pings return.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim() ?? "";
        var result = await api.DeleteAsync<object>($"api/v1/heartbeats/{Uri.EscapeDataString(name is "" or "." or ".." ? "-" : name)}", cancellationToken);
        if (result.Ok)
        {
            Message = L($"Đã gỡ tín hiệu định kỳ {name}. Cảnh báo mất tín hiệu đang mở (nếu có) đã được đóng như khi tín hiệu trở lại.",
                $"Heartbeat {name} removed. An open heartbeat-missed alert (if any) was resolved as when the pings return.");
        }

        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
            foreach (var (field, messages) in problem.Errors ?? [])
            {
                var name = field switch
                {
                    "intervalSeconds" => nameof(HeartbeatInput.IntervalMinutes),
                    "" => "",
                    _ => char.ToUpperInvariant(field[0]) + field[1..],
                };
                // The API counts seconds; the form asks for minutes.
                foreach (var message in field == "intervalSeconds" ? [L("Từ 1 đến 10080 phút (7 ngày)", "1 to 10080 minutes (7 days)")] : messages)
                {
                    ModelState.AddModelError("Heartbeat." + name, message);
                }
            }
        }

        var heartbeats = await api.GetAsync<List<HeartbeatView>>("api/v1/heartbeats", cancellationToken);
        var integrations = await api.GetAsync<List<IntegrationView>>("api/v1/integrations", cancellationToken);
        if (!heartbeats.Ok || !integrations.Ok)
        {
            return StatusCode((int)(heartbeats.Ok ? integrations.Status : heartbeats.Status));
        }

        Heartbeats = heartbeats.Value ?? [];
        Integrations = (integrations.Value ?? []).ToDictionary(i => i.Id);
        return Page();
    }
}

public sealed class HeartbeatInput
{
    /// <summary>Lowercase letters, digits, <c>.</c>, <c>_</c>, <c>-</c>; the same name again changes that heartbeat.</summary>
    public string? Name { get; set; }

    public Guid? IntegrationId { get; set; }

    public int? IntervalMinutes { get; set; }
}
