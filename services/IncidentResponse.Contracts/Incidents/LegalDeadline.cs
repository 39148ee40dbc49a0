using IncidentResponse.Contracts.Vocabulary;

namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// A reporting duty with its due time under a legal regime (e.g. the 72 h personal-data notice).
/// <see cref="State"/> is one of <see cref="DutyStates"/> (messages from before it existed read <c>due</c>):
/// a duty submitted or waived is no longer watched. <see cref="SubmittedAt"/>: when a person recorded it submitted
/// (null while it is not, and in messages from before it was carried); response analytics tell on time from late by it.
/// <see cref="LateReasonRequired"/> and <see cref="ConfirmationRecordExpected"/>: what its rule asks of a late submission and of its
/// evidence (false in messages from before they were carried).
/// </summary>
public sealed record LegalDeadline(
    string Id, DateTimeOffset DueAt, string Regime, string NameVi, string NameEn, string Basis, IReadOnlyList<string> Recipients,
    string State = DutyStates.Due, DateTimeOffset? SubmittedAt = null, bool LateReasonRequired = false, bool ConfirmationRecordExpected = false);
