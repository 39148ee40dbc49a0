namespace IncidentResponse.Contracts.Incidents;

/// <summary>
/// The states of the incidents one commit of triage opened or changed: one message per triage batch (and per page of
/// states sent again) instead of one <see cref="IncidentTriaged"/> per incident. Each state is applied as the single
/// form is, by its <see cref="IncidentTriaged.StateVersion"/>, so a repeat or any order changes nothing twice. Single
/// states are still published by the commands that change one incident, and still consumed.
/// </summary>
public sealed record IncidentsTriaged(IReadOnlyList<IncidentTriaged> States);
