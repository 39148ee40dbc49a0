using IncidentResponse.Access.People;
using IncidentResponse.ServiceDefaults.Web;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Admin;

/// <summary><c>/admin/audit</c>: the administration audit log, newest first.</summary>
public sealed class AuditModel(ConsoleApi api) : ConsolePageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PageOf<AuditLog.AuditView> Entries { get; private set; } = new([], 1, PageSize, 0);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var result = await api.GetAsync<PageOf<AuditLog.AuditView>>($"api/v1/audit?page={PageNumber}&pageSize={PageSize}", cancellationToken);
        if (!result.Ok)
        {
            return StatusCode((int)result.Status);
        }

        Entries = result.Value!;
        return Page();
    }
}
