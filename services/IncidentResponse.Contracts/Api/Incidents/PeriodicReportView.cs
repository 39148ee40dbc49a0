namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// A report the committee owes every year, whatever the incidents (<c>GET /api/v1/periodic-reports?year=</c>): the Mẫu 05
/// summary of a half-year (<see cref="Half"/> 1 or 2) or of the year (null), due at <see cref="DueAt"/>, and what became of it.
/// <see cref="Id"/> is <c>{Kind}:{Year}</c>. <see cref="State"/> is one of <see cref="Vocabulary.DutyStates.All"/>.
/// <see cref="Statistics"/>: the API path of the form as generated now (<c>/api/v1/statistics/mau-05?…</c>). <see cref="Issued"/>: the
/// versions of the form issued for it, oldest first (their files left out); <see cref="DocumentId"/>: the one recorded as submitted.
/// </summary>
public sealed record PeriodicReportView(
    string Id, string Kind, int Year, int? Half, string Form, string NameVi, string NameEn, string Basis, IReadOnlyList<string> Recipients,
    DateTimeOffset DueAt, string State, string StateVi, string Statistics,
    DateTimeOffset? SubmittedAt, string? SubmittedBy, IReadOnlyList<string>? SubmittedTo, string? Channel, string? DocumentVersion, string? Note,
    DateTimeOffset? WaivedAt, string? WaivedBy, string? WaiverReason, Guid? DocumentId, IReadOnlyList<PeriodicDocumentView> Issued);
