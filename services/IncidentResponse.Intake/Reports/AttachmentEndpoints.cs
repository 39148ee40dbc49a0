using IncidentResponse.Contracts.Api.Reports;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Intake.Reports;

/// <summary>
/// The files that came with a report: listed with size and SHA-256, downloaded as opaque bytes
/// (never rendered: a sample may be malware).
/// </summary>
public static class AttachmentEndpoints
{
    public static RouteGroupBuilder MapAttachmentEndpoints(this RouteGroupBuilder reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        reports.MapGet("/{id:guid}/attachments", ListAsync).Produces<IReadOnlyList<AttachmentView>>();
        reports.MapGet("/{id:guid}/attachments/{attachmentId:guid}", DownloadAsync)
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status410Gone);
        return reports;
    }

    private static async Task<IResult> ListAsync(Guid id, HttpContext http, IntakeDbContext db)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (report is null || !ReportEndpoints.MayRead(http.User, report))
        {
            return Problems.NotFound("report", id);
        }

        var files = await db.Attachments.AsNoTracking().Where(a => a.ReportId == id).OrderBy(a => a.Position)
            .Select(a => new AttachmentView(a.Id, a.Position, a.FileName, a.ContentType, a.Size, a.Sha256, a.Content != null))
            .ToListAsync(http.RequestAborted);
        return Results.Ok(files);
    }

    private static async Task<IResult> DownloadAsync(Guid id, Guid attachmentId, HttpContext http, IntakeDbContext db)
    {
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (report is null || !ReportEndpoints.MayRead(http.User, report))
        {
            return Problems.NotFound("report", id);
        }

        var file = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.ReportId == id && a.Id == attachmentId, http.RequestAborted);
        if (file is null)
        {
            return Problems.NotFound("attachment", attachmentId);
        }

        if (file.Content is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status410Gone, title: "Tệp không được lưu / Attachment not kept",
                detail: $"The file was {file.Size} bytes, over the size limit; its SHA-256 is {file.Sha256}");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(file.Content, "application/octet-stream", file.FileName);
    }
}
