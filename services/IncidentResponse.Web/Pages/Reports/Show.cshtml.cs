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

    public ReportFiles? Files { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var result = await api.GetAsync<ReportView>($"api/v1/reports/{id}", HttpContext.RequestAborted);
        if (result.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden || result.Value is null)
        {
            return result.Status == HttpStatusCode.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        Report = result.Value;
        if (Report.IncidentId is { } incident)
        {
            return Redirect($"/incidents/{incident}");
        }

        // A held report's files are what the operator weighs before confirming it.
        Files = new ReportFiles(id, (await api.GetAsync<List<AttachmentView>>($"api/v1/reports/{id}/attachments", HttpContext.RequestAborted)).Value ?? []);
        return Page();
    }

    /// <summary>A file of the report, byte for byte, as an opaque download (the API checks who may read it).</summary>
    public Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachment) =>
        BytesFromApiAsync(api, $"api/v1/reports/{id}/attachments/{attachment}", $"{attachment}");
}
