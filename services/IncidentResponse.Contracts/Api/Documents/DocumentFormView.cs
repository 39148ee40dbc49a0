namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// An official form that can be issued (<c>GET /api/v1/documents/forms</c>): its name, the legal duties it discharges
/// (duty kinds) and the fields an operator may word before issuing (<see cref="DocumentEdits"/>).
/// </summary>
public sealed record DocumentFormView(string Form, string NameVi, string NameEn, IReadOnlyList<string> Duties, IReadOnlyList<DocumentFieldView> Fields);
