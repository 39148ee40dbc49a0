namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// What a form of an incident would leave empty if issued now (<c>GET /api/v1/incidents/{id}/documents/completeness</c>): the
/// fields the form marks required (*) that the stored data does not fill. Issuing is not refused for them (an e-mailed report
/// rarely fills Mẫu 03 whole); the list says what to ask the reporter for or to word before issuing.
/// </summary>
public sealed record DocumentCompletenessView(string Form, string FormNameVi, string FormNameEn, IReadOnlyList<MissingFieldView> Missing);

/// <summary>
/// A required field left empty: its label on the form and, when an operator may word it before issuing, the editable field's
/// name (<c>edit.{Field}</c>); null when it comes only from the stored data (the report, the incident). <paramref name="Section"/>:
/// the section of the form it is in ("1. Thông tin người báo cáo"), as Mẫu 03 asks a name, phone and e-mail twice.
/// </summary>
public sealed record MissingFieldView(string Label, string? Field, string? Section = null);
