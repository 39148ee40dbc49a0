using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// The incident's state as the other services keep it (<see cref="IncidentTriaged"/>): every change of
/// it goes out with a new <see cref="Incident.StateVersion"/>, in the transaction that makes the change,
/// and is sent again by <see cref="IncidentStateResender"/> until each service has answered.
/// </summary>
public static class IncidentState
{
    /// <summary>
    /// Moves the state's version and sends it after commit. The incident's deadlines must be loaded.
    /// <paramref name="openedBy"/>: the report that opened the incident in this transaction; the state then
    /// says so (in place of a separate <see cref="IncidentOpened"/>).
    /// </summary>
    public static void Publish(TriageDbContext db, Incident incident, DateTimeOffset now, AffectedSystem? system = null, Guid? openedBy = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(incident);
        incident.StateVersion++;
        incident.StatePublishedAt = now;
        incident.StateSynced = false;
        var state = Of(incident, now, system);
        if (openedBy is { } report)
        {
            state = state with { OpenedAt = incident.OpenedAt, FirstReportId = report, DetectedAt = incident.DetectedAt };
        }

        db.PublishAfterCommit(state, now);
    }

    /// <summary>The state as it is; <paramref name="system"/> replaces the incident's own affected system when given.</summary>
    public static IncidentTriaged Of(Incident incident, DateTimeOffset now, AffectedSystem? system = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        system ??= incident.AffectedSystem is null ? null : IncidentJson.Read<AffectedSystem>(incident.AffectedSystem);
        var deadlines = incident.Deadlines.Select(ReportTriage.ToContract).OrderBy(d => d.DueAt).ToList();
        return new IncidentTriaged(incident.Id, incident.Number, incident.Title, incident.Classification, incident.SeverityLevel, incident.Score,
            incident.Serious, incident.Tlp, incident.PersonalData, system, deadlines, incident.PolicyVersion, now, incident.Status, incident.StateVersion,
            incident.Drill);
    }
}
