using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Documents;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Incidents;

/// <summary>The issued document a duty's submission names: it must be the incident's, and of the duty's form where the duty has one.</summary>
public static class DutyDocuments
{
    /// <summary>The document (its id, its version as "mau-04 phiên bản 2", the PDF's hash), or why it cannot be named.</summary>
    public sealed record Named(Guid Id, string Version, string PdfSha256, string? Problem);

    public static async Task<Named> FindAsync(TriageDbContext db, Guid incidentId, string dutyId, Guid documentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var document = await db.IssuedDocuments.AsNoTracking().Where(d => d.Id == documentId && d.IncidentId == incidentId)
            .Select(d => new { d.Form, d.Version, d.PdfSha256 }).FirstOrDefaultAsync(cancellationToken);
        if (document is null)
        {
            return new(documentId, "", "", $"Không có văn bản đã ban hành {documentId} của sự cố này / no issued document {documentId} of this incident");
        }

        var version = $"{document.Form} phiên bản {document.Version}";
        return FormNames.ForDuty.TryGetValue(dutyId, out var form) && form != document.Form
            ? new(documentId, version, document.PdfSha256, $"Nghĩa vụ {dutyId} cần văn bản {form}, không phải {document.Form} / duty {dutyId} is discharged with {form}, not {document.Form}")
            : new(documentId, version, document.PdfSha256, null);
    }
}
