using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Reports;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;

namespace IncidentResponse.Triage.Incidents;

/// <summary>
/// The incident's state as the other services keep it (<see cref="IncidentTriaged"/>; a triage batch's and a resent
/// page's together, <see cref="IncidentsTriaged"/>): every change of it goes out with a new
/// <see cref="Incident.StateVersion"/>, in the transaction that makes the change,
/// and is sent again by <see cref="IncidentStateResender"/> until each service has answered.
/// </summary>
public static class IncidentState
{
    /// <summary>
    /// Moves the state's version and sends it after commit. The incident's deadlines must be loaded.
    /// <paramref name="openedBy"/>: the report that opened the incident in this transaction (and its channel); the state
    /// then says so (in place of a separate <see cref="IncidentOpened"/>).
    /// </summary>
    public static void Publish(TriageDbContext db, Incident incident, DateTimeOffset now, AffectedSystem? system = null, Opener? openedBy = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.PublishAfterCommit(Next(incident, now, system, openedBy), now);
    }

    /// <summary>
    /// Sends the states of several incidents, each moved as <see cref="Publish"/> moves it, as one
    /// <see cref="IncidentsTriaged"/> after commit (nothing when there are none).
    /// </summary>
    public static void PublishTogether(
        TriageDbContext db, IEnumerable<(Incident Incident, AffectedSystem? System, Opener? OpenedBy)> changes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        var states = changes.Select(c => Next(c.Incident, now, c.System, c.OpenedBy)).ToList();
        if (states.Count > 0)
        {
            db.PublishAfterCommit(new IncidentsTriaged(states), now);
        }
    }

    /// <summary>Moves the state's version and returns the state to send.</summary>
    private static IncidentTriaged Next(Incident incident, DateTimeOffset now, AffectedSystem? system, Opener? openedBy)
    {
        ArgumentNullException.ThrowIfNull(incident);
        incident.StateVersion++;
        incident.StatePublishedAt = now;
        incident.StateSynced = false;
        var state = Of(incident, now, system);
        return openedBy is { } report
            ? state with { OpenedAt = incident.OpenedAt, FirstReportId = report.ReportId, DetectedAt = incident.DetectedAt, ReportedVia = report.Channel }
            : state;
    }

    /// <summary>The state as it is; <paramref name="system"/> replaces the incident's own affected system when given.</summary>
    public static IncidentTriaged Of(Incident incident, DateTimeOffset now, AffectedSystem? system = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        system ??= incident.AffectedSystem is null ? null : IncidentJson.Read<AffectedSystem>(incident.AffectedSystem);
        var deadlines = incident.Deadlines.Select(ReportTriage.ToContract).OrderBy(d => d.DueAt).ToList();
        return new IncidentTriaged(incident.Id, incident.Number, incident.Title, incident.Classification, incident.SeverityLevel, incident.Score,
            incident.Serious, incident.Tlp, incident.PersonalData, system, deadlines, incident.PolicyVersion, now, incident.Status, incident.StateVersion,
            incident.Drill, SeriousUndetermined: IncidentViews.SeriousUndetermined(incident));
    }
}

/// <summary>The report that opened an incident, and the channel it came by (<see cref="Contracts.Vocabulary.ReportChannels"/>).</summary>
public sealed record Opener(Guid ReportId, string Channel);
