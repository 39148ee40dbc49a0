namespace IncidentResponse.Contracts.Api.Documents;

/// <summary>
/// A field of a form an operator may word (<see cref="Name"/> is its JSON name in <see cref="DocumentEdits"/>): its label on
/// the form, whether it is a yes/no field, and its longest text.
/// </summary>
public sealed record DocumentFieldView(string Name, string LabelVi, bool YesNo, int MaxLength);
