namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// An official form that can be issued (<c>GET /api/v1/documents/forms</c>): its name, the legal duties it discharges
/// (duty kinds), the fields an operator may word before issuing (<see cref="DocumentEdits"/>) and, for a form no duty asks
/// for, the recipients it usually goes to (legal recipient roles, as <c>…/send</c> takes them), which the console suggests.
/// </summary>
public sealed record DocumentFormView(
    string Form, string NameVi, string NameEn, IReadOnlyList<string> Duties, IReadOnlyList<DocumentFieldView> Fields, IReadOnlyList<string>? Recipients = null);
