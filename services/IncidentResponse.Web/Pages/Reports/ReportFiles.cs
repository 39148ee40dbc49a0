using IncidentResponse.Contracts.Api.Reports;

namespace IncidentResponse.Web.Pages.Reports;

/// <summary>A report's files as the API lists them, for the <c>_Attachments</c> partial.</summary>
public sealed record ReportFiles(Guid ReportId, IReadOnlyList<AttachmentView> Files);
