using IncidentResponse.Contracts.Api.Integrations;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/integrations</c>: monitoring sources' keys, issued and revoked through <c>/api/v1/integrations</c>.</summary>
public sealed class IntegrationsModel(ConsoleApi api) : ConsolePageModel
{
    public IReadOnlyList<IntegrationView> Integrations { get; private set; } = [];

    [BindProperty]
    public NewIntegrationInput NewIntegration { get; set; } = new();

    public string? Message { get; private set; }

    public string? Secret { get; private set; }

    public ApiProblem? Problem { get; private set; }

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => ShowAsync(null, System.Net.HttpStatusCode.OK, cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken cancellationToken)
    {
        var result = await api.PostAsync<IssuedIntegration>("api/v1/integrations", new
        {
            name = NewIntegration.Name,
            kind = NewIntegration.Kind,
            classification = string.IsNullOrWhiteSpace(NewIntegration.Classification) ? null : NewIntegration.Classification,
            ownerAgency = string.IsNullOrWhiteSpace(NewIntegration.OwnerAgency) ? null : NewIntegration.OwnerAgency,
            securityLevel = NewIntegration.SecurityLevel,
            isp = string.IsNullOrWhiteSpace(NewIntegration.Isp) ? null : NewIntegration.Isp,
            ownerCanHandle = NewIntegration.OwnerCanHandle,
            systemCode = string.IsNullOrWhiteSpace(NewIntegration.SystemCode) ? null : NewIntegration.SystemCode,
            tlp = NewIntegration.Tlp,
            onResolve = NewIntegration.OnResolve,
        }, cancellationToken);
        if (result.Ok)
        {
            Message = L($"Đã cấp khóa cho {result.Value!.Name}. Khóa (chỉ hiện một lần):", $"Issued a key for {result.Value!.Name}. The key (shown once):");
            Secret = result.Value.Key;
            NewIntegration = new();
            ModelState.Clear();
        }

        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await api.DeleteAsync<object>($"api/v1/integrations/{id}", cancellationToken);
        Message = result.Ok ? L("Đã thu hồi khóa.", "Key revoked.") : null;
        return await ShowAsync(result.Ok ? null : result.Problem, result.Status, cancellationToken);
    }

    private async Task<IActionResult> ShowAsync(ApiProblem? problem, System.Net.HttpStatusCode status, CancellationToken cancellationToken)
    {
        if (problem is not null)
        {
            Problem = problem;
            Response.StatusCode = (int)status;
            foreach (var (field, messages) in problem.Errors ?? [])
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError("NewIntegration." + char.ToUpperInvariant(field[0]) + field[1..], message);
                }
            }
        }

        var list = await api.GetAsync<List<IntegrationView>>("api/v1/integrations", cancellationToken);
        Integrations = list.Value ?? [];
        return Page();
    }
}

public sealed class NewIntegrationInput
{
    public string? Name { get; set; }

    public string? Kind { get; set; } = "events-v2";

    public string? Classification { get; set; }

    public string? OwnerAgency { get; set; }

    public int? SecurityLevel { get; set; }

    public string? Isp { get; set; }

    /// <summary>The code of the register's system it watches (danh mục hệ thống thông tin).</summary>
    public string? SystemCode { get; set; }

    public bool? OwnerCanHandle { get; set; }

    public string? Tlp { get; set; } = "amber";

    public string? OnResolve { get; set; } = "resolve";
}
