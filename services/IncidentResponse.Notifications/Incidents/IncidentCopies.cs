using System.Text.Json;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Partners;

namespace IncidentResponse.Notifications.Incidents;

/// <summary>Keeps <see cref="IncidentCopy"/> rows: a state is applied only if it is newer than the one held.</summary>
public static class IncidentCopies
{
    /// <summary>What a notice not sent because its incident closed says as its last error (the close's and the dispatcher's alike).</summary>
    public const string ClosedCancellation = "cancelled: the incident was closed";

    public const string Closed = IncidentStatuses.Closed;

    /// <summary>
    /// Applies <paramref name="state"/> to <paramref name="copy"/>, the tracked copy read beforehand (null: none yet, one
    /// is added), unless it holds an equal or newer state (a state from before versions, version 0, is applied as it comes).
    /// Returns the copy and whether it changed, and the status before.
    /// </summary>
    public static (IncidentCopy Copy, bool Applied, string? PreviousStatus) Apply(NotificationsDbContext db, IncidentCopy? copy, IncidentTriaged state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(state);
        if (copy is not null && state.StateVersion != 0 && state.StateVersion <= copy.StateVersion)
        {
            return (copy, false, copy.Status);
        }

        var previous = copy?.Status;
        if (copy is null)
        {
            copy = new IncidentCopy
            {
                IncidentId = state.IncidentId, Number = state.Number, Title = "", Classification = "", Tlp = "", Deadlines = "[]", Status = "",
            };
            db.Incidents.Add(copy);
        }

        copy.Number = state.Number;
        copy.Title = state.Title;
        copy.Classification = state.Classification;
        copy.SeverityLevel = state.SeverityLevel;
        copy.Serious = state.Serious;
        copy.SeriousUndetermined = state.SeriousUndetermined;
        copy.Tlp = state.Tlp;
        copy.PersonalData = state.PersonalData;
        copy.Drill = state.Drill;
        copy.AffectedSystem = state.AffectedSystem?.Name;
        copy.OwnerAgency = state.AffectedSystem?.OwnerAgency;
        copy.Isp = state.AffectedSystem?.Isp;
        copy.Deadlines = JsonSerializer.Serialize(state.Deadlines, DirectoryJson.Options);
        copy.Status = state.Status ?? (previous ?? IncidentStatuses.New);
        copy.StateVersion = Math.Max(copy.StateVersion, state.StateVersion);
        copy.Revision++;
        copy.UpdatedAt = now;
        copy.OpenedAt = state.OpenedAt ?? copy.OpenedAt ?? now;
        copy.ReportedVia = state.ReportedVia is { Length: > 0 and <= 30 } via ? via : copy.ReportedVia;
        copy.ClosedAt = copy.Status != Closed ? null : previous == Closed ? copy.ClosedAt ?? state.TriagedAt : state.TriagedAt;
        return (copy, true, previous);
    }

    public static IReadOnlyList<LegalDeadline> DeadlinesOf(IncidentCopy copy)
    {
        ArgumentNullException.ThrowIfNull(copy);
        return JsonSerializer.Deserialize<List<LegalDeadline>>(copy.Deadlines, DirectoryJson.Options) ?? [];
    }
}
