using System.Net;
using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Web.Console;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace IncidentResponse.Web.Pages.Reports;

/// <summary>A filed report: while triage works on it the page says so and looks again; once triaged it goes to the incident.</summary>
[Authorize(Policy = ConsolePolicies.Read)]
public sealed class ShowModel(ConsoleApi api) : ConsolePageModel
{
    public ReportView? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await api.GetAsync<ReportView>($"api/v1/reports/{id}", HttpContext.RequestAborted);
        if (result.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || result.Value is null)
        {
            return result.Status == HttpStatusCode.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        Report = result.Value;
        return Report.IncidentId is { } incident ? Redirect($"/incidents/{incident}") : Page();
    }
}
