using IncidentResponse.Contracts.Api.Documents;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// The "word and issue" panel of one form on an incident's page (<c>_IssueDocument</c>): the form, what it would leave
/// empty if issued now, and a prefix that keeps its fields' ids apart from another panel's on the same page.
/// </summary>
public sealed record IssueDocumentModel(Guid IncidentId, DocumentFormView Form, DocumentCompletenessView? Completeness, string Prefix)
{
    /// <summary>The panel beside a duty the form discharges.</summary>
    public static IssueDocumentModel ForDuty(Guid incidentId, DocumentFormView form, IEnumerable<DocumentCompletenessView> completeness, string dutyId) =>
        new(incidentId, form, completeness.FirstOrDefault(c => c.Form == form.Form), "duty-" + dutyId);

    /// <summary>The panel of a form no duty asks for.</summary>
    public static IssueDocumentModel ForForm(Guid incidentId, DocumentFormView form, IEnumerable<DocumentCompletenessView> completeness) =>
        new(incidentId, form, completeness.FirstOrDefault(c => c.Form == form.Form), "form-" + form.Form);
}
