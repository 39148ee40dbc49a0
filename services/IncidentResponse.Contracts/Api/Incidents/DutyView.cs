namespace IncidentResponse.Contracts.Api.Incidents;

/// <summary>
/// A legal duty of an incident (<c>GET /api/v1/incidents/{id}/duties</c>, <c>GET /api/v1/duties</c>): what is owed, under which
/// basis and regime, to whom, by when, and what became of it. <see cref="Id"/> is the duty's kind, unique within the incident.
/// <see cref="State"/> is one of <see cref="Vocabulary.DutyStates.All"/>. <see cref="DocumentId"/> is the issued document
/// version (<c>GET …/documents/issued/{id}</c>) the submission named; <see cref="Form"/> the official form that discharges the duty, if one does.
/// <see cref="LateReasonRequired"/>: submitted after <see cref="DueAt"/>, it must say why (<see cref="LateReason"/>);
/// <see cref="ConfirmationRecordExpected"/>: it comes with a confirmation record (biên bản xác nhận), whose number and date
/// the submission gave as <see cref="ConfirmationRecord"/> (null: not yet). Both as the duty's rule said (NĐ 13/2023 Điều 23).
/// </summary>
public sealed record DutyView(
    string Id, string Kind, Guid IncidentId, string IncidentNumber, string NameVi, string NameEn, string Basis, string Regime,
    IReadOnlyList<string> Recipients, DateTimeOffset DueAt, string State, string StateVi, DateTimeOffset? CreatedAt,
    DateTimeOffset? SubmittedAt, string? SubmittedBy, IReadOnlyList<string>? SubmittedTo, string? Channel, string? DocumentVersion, string? Note,
    DateTimeOffset? WaivedAt, string? WaivedBy, string? WaiverReason, Guid? DocumentId = null, string? Form = null,
    bool LateReasonRequired = false, bool ConfirmationRecordExpected = false, string? LateReason = null, string? ConfirmationRecord = null);
