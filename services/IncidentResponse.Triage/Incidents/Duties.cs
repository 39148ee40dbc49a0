using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Contracts.Incidents;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Triage.Policy;

namespace IncidentResponse.Triage.Incidents;

/// <summary>Which incidents owe legal duties at all.</summary>
public static class DutyRules
{
    /// <summary>
    /// Whether legal duties apply to the incident. The one place a drill (exercise) is kept out of the legal
    /// duties: a drill owes nobody a report.
    /// </summary>
    public static bool AppliesTo(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return !incident.Drill;
    }
}

/// <summary>
/// The legal duties of an incident as stored records (<see cref="IncidentDeadline"/>): their computed due
/// times come from the legal regimes (<see cref="DeadlineCalculator"/>); their states from people's submissions and waivers.
/// </summary>
public static class Duties
{
    /// <summary>The state as read now: a due duty past its due time is overdue.</summary>
    public static string StateAt(IncidentDeadline duty, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(duty);
        return duty.State == DutyStates.Due && duty.DueAt <= now ? DutyStates.Overdue : duty.State;
    }

    public static bool IsOpen(IncidentDeadline duty) => DutyStates.IsOpen(duty.State);

    /// <summary>Whether the kind is the closing report (Mẫu 04), whose submission records the incident closed.</summary>
    public static bool IsClosingReport(IncidentDeadline duty, LegalRegimes regimes)
    {
        ArgumentNullException.ThrowIfNull(duty);
        ArgumentNullException.ThrowIfNull(regimes);
        return regimes.Regimes.Any(r => r.Id == duty.Regime && r.Deadlines.Any(d => d.Id == duty.Kind && d.From == DeadlineRule.ResponseEnd));
    }

    public static IncidentDeadline ToEntity(Guid incidentId, LegalDeadline d, DateTimeOffset now) => new()
    {
        IncidentId = incidentId,
        Kind = d.Id,
        DueAt = d.DueAt,
        Regime = d.Regime,
        NameVi = d.NameVi,
        NameEn = d.NameEn,
        Basis = d.Basis,
        Recipients = string.Join(',', d.Recipients),
        State = DutyStates.Due,
        CreatedAt = now,
        LateReasonRequired = d.LateReasonRequired,
        ConfirmationRecordExpected = d.ConfirmationRecordExpected,
    };

    /// <summary>The duty as the other services keep it: its stored state (due, submitted, waived) and when it was submitted.</summary>
    public static LegalDeadline ToContract(IncidentDeadline d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new LegalDeadline(d.Kind, d.DueAt, d.Regime, d.NameVi, d.NameEn, d.Basis, Split(d.Recipients), d.State, d.SubmittedAt,
            d.LateReasonRequired, d.ConfirmationRecordExpected);
    }

    public static DutyView View(IncidentDeadline d, Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(incident);
        var state = StateAt(d, now);
        return new DutyView(d.Kind, d.Kind, incident.Id, incident.Number, d.NameVi, d.NameEn, d.Basis, d.Regime, Split(d.Recipients), d.DueAt,
            state, DutyStates.Names[state].Vi, d.CreatedAt, d.SubmittedAt, d.SubmittedBy, d.SubmittedTo is null ? null : Split(d.SubmittedTo),
            d.Channel, d.DocumentVersion, d.Note, d.WaivedAt, d.WaivedBy, d.WaiverReason, d.DocumentId,
            Documents.FormNames.ForDuty.TryGetValue(d.Kind, out var form) ? form : null,
            d.LateReasonRequired, d.ConfirmationRecordExpected, d.LateReason, d.ConfirmationRecord);
    }

    /// <summary>
    /// Adds the duties <paramref name="computed"/> names that the incident does not have yet, and moves the due time of
    /// open ones the computation moved (an earlier detection time learned later). Returns whether anything changed.
    /// </summary>
    public static bool Merge(Incident incident, IReadOnlyList<LegalDeadline> computed, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        ArgumentNullException.ThrowIfNull(computed);
        if (!DutyRules.AppliesTo(incident))
        {
            return false;
        }

        var changed = false;
        foreach (var d in computed)
        {
            var existing = incident.Deadlines.FirstOrDefault(e => e.Kind == d.Id);
            if (existing is null)
            {
                incident.Deadlines.Add(ToEntity(incident.Id, d, now));
                changed = true;
            }
            else if (IsOpen(existing) && existing.DueAt != d.DueAt && existing.Regime == d.Regime)
            {
                existing.DueAt = d.DueAt;
                changed = true;
            }
        }

        return changed;
    }

    /// <summary>
    /// The response ended (the incident moved to closed): the duties that run from then (the Mẫu 04 closing report) fall
    /// due, and the incident is not recorded closed until they are submitted. Other duties keep their state.
    /// </summary>
    public static bool ResponseEnded(Incident incident, LegalRegimes regimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var computed = DeadlineCalculator.AtResponseEnd(regimes, incident.Regime, incident.DetectedAt, now);
        var reset = false;
        foreach (var d in computed)
        {
            // Closed again after a reopening: the earlier closing report (submitted, or set aside at the reopening)
            // described a response that went on; a new one falls due. The timeline keeps the earlier submission.
            if (incident.Deadlines.FirstOrDefault(e => e.Kind == d.Id) is { } earlier && !IsOpen(earlier))
            {
                earlier.State = DutyStates.Due;
                earlier.DueAt = d.DueAt;
                earlier.CreatedAt = now;
                earlier.SubmittedAt = null;
                earlier.SubmittedBy = null;
                earlier.SubmittedTo = null;
                earlier.Channel = null;
                earlier.DocumentVersion = null;
                earlier.DocumentId = null;
                earlier.Note = null;
                earlier.LateReason = null;
                earlier.ConfirmationRecord = null;
                earlier.WaivedAt = null;
                earlier.WaivedBy = null;
                earlier.WaiverReason = null;
                reset = true;
            }
        }

        return Merge(incident, computed, now) || reset;
    }

    /// <summary>
    /// The incident was reopened: the response goes on, so a closing report not yet submitted is set aside (waived by
    /// the system, its clock stops); it falls due again when the incident is closed again. Returns whether any was.
    /// </summary>
    public static bool ResponseResumed(Incident incident, LegalRegimes regimes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var changed = false;
        foreach (var duty in incident.Deadlines.Where(d => IsOpen(d) && IsClosingReport(d, regimes)))
        {
            duty.State = DutyStates.Waived;
            duty.WaivedAt = now;
            duty.WaivedBy = ReopeningActor;
            duty.WaiverReason = "Sự cố được mở lại; báo cáo kết thúc đến hạn khi ứng phó kết thúc lần nữa / "
                + "The incident was reopened; the closing report falls due when the response ends again";
            changed = true;
        }

        return changed;
    }

    /// <summary>Who set a closing report aside at a reopening.</summary>
    public const string ReopeningActor = "system";

    /// <summary>Whether the closed incident still waits for its closing report (an open closing-report duty).</summary>
    public static bool AwaitingClosingReport(Incident incident, LegalRegimes regimes)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Status == Lifecycle.Closed && incident.Deadlines.Any(d => IsOpen(d) && IsClosingReport(d, regimes));
    }

    /// <summary>
    /// When the coordinator recorded the closed incident closed: its closing report's submission. Null while the
    /// incident is open or still awaits it. Read from the duty itself, so there is one record of it.
    /// </summary>
    public static DateTimeOffset? ClosingRecordedAt(Incident incident, LegalRegimes regimes)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return incident.Status != Lifecycle.Closed || AwaitingClosingReport(incident, regimes)
            ? null
            : incident.Deadlines.Where(d => d.State == DutyStates.Submitted && IsClosingReport(d, regimes)).Max(d => d.SubmittedAt);
    }

    private static string[] Split(string recipients) => recipients.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
