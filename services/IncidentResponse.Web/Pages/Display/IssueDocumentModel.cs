using IncidentResponse.Contracts.Api.Documents;

namespace IncidentResponse.Web.Pages.Display;

/// <summary>
/// The "word and issue" panel of one form on an incident's page (<c>_IssueDocument</c>): the form, what it would leave
/// empty if issued now, and a prefix that keeps its fields' ids apart from another panel's on the same page.
/// </summary>
public sealed record IssueDocumentModel(Guid IncidentId, DocumentFormView Form, DocumentCompletenessView? Completeness, string Prefix);
