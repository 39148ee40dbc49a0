using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Channels;
using IncidentResponse.Notifications.Configuration;
using IncidentResponse.Notifications.Data;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Incidents;
using IncidentResponse.Notifications.Routing;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Notifications.Engagements;

/// <summary>How engaging a unit by hand went.</summary>
public enum ManualEngagementOutcome
{
    /// <summary>The unit is engaged now: its notice is queued and <see cref="UnitsEngaged"/> is in the outbox (escalation starts its chain).</summary>
    Engaged,

    /// <summary>The unit is engaged already and still on it: nothing changed.</summary>
    AlreadyEngaged,

    /// <summary>No copy of the incident here (unknown, or not triaged yet).</summary>
    IncidentNotFound,

    /// <summary>No active unit of the directory has that code.</summary>
    UnknownUnit,

    /// <summary>The incident is closed, or the unit's engagement declined or resolved (one engagement per unit and incident).</summary>
    Conflict,
}

/// <summary>The result: the outcome, the engagement when there is one, and why when refused.</summary>
public sealed record ManualEngagementResult(ManualEngagementOutcome Outcome, Engagement? Engagement, string? Detail = null);

/// <summary>
/// The committee engages a unit routing did not (phân công thêm đơn vị): the same engagement routing makes, under the rule
/// <see cref="RuleId"/>, with who asked and why. Its duty point gets the engagement notice (marked serious on a serious
/// incident), escalation starts the unit's chain from the <see cref="UnitsEngaged"/> it
/// publishes, and the timeline names who engaged it. The reason is a person's words about the incident: the notice carries
/// it as its assignment, which TLP disclosure cuts below full like the affected system. One engagement per (incident, unit): asking again while the unit is
/// on it changes nothing; a unit that declined or resolved is not engaged twice. Two requests racing for the same unit end
/// in one engagement (the unique key, then a fresh read).
/// </summary>
public sealed class ManualEngagements(
    NotificationsDbContext db, NotificationRules rules, NotificationRequests requests, DispatchSignal signal, TimeProvider time)
{
    /// <summary>The rule id of an engagement made by hand.</summary>
    public const string RuleId = "manual";

    public async Task<ManualEngagementResult> EngageAsync(Guid incidentId, string unitCode, string reason, EngagementActor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var result = await db.RetryOnConflictAsync(async () =>
        {
            var now = time.GetUtcNow();
            var copy = await db.Incidents.FirstOrDefaultAsync(i => i.IncidentId == incidentId, cancellationToken);
            if (copy is null)
            {
                return new ManualEngagementResult(ManualEngagementOutcome.IncidentNotFound, null);
            }

            if (copy.Status == IncidentCopies.Closed)
            {
                return new ManualEngagementResult(ManualEngagementOutcome.Conflict, null, "Sự cố đã đóng / the incident is closed");
            }

            var existing = await db.Engagements.AsNoTracking().FirstOrDefaultAsync(e => e.IncidentId == incidentId && e.UnitCode == unitCode, cancellationToken);
            if (existing is not null)
            {
                return existing.State is EngagementStates.Declined or EngagementStates.Resolved
                    ? new ManualEngagementResult(ManualEngagementOutcome.Conflict, existing,
                        $"Đơn vị đã {(existing.State == EngagementStates.Declined ? "từ chối" : "xử lý xong")} sự cố này; mỗi đơn vị chỉ được phân công một lần / "
                        + $"the unit has {existing.State} this incident already; a unit is engaged once per incident")
                    : new ManualEngagementResult(ManualEngagementOutcome.AlreadyEngaged, existing);
            }

            var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Code == unitCode && u.Active, cancellationToken);
            if (unit is null)
            {
                return new ManualEngagementResult(ManualEngagementOutcome.UnknownUnit, null);
            }

            var routing = rules.RoutingAt(now);
            var by = ColumnText.Fit(actor.Name, 300);
            var engagement = new Engagement
            {
                Id = RowIds.Next(),
                IncidentId = incidentId,
                IncidentNumber = copy.Number,
                UnitCode = unit.Code,
                RuleId = RuleId,
                RoutingVersion = routing.Version,
                SeverityLevel = copy.SeverityLevel,
                Serious = copy.Serious,
                EngagedAt = now,
                AnnouncedAt = now,
                EngagedBy = by,
                EngagedReason = reason,
            };
            db.Engagements.Add(engagement);
            // The copy's revision is checked on save and moved: a state applied meanwhile (the incident closed, its pages cancelled)
            // makes this try again on fresh state instead of paging about a closed incident, and a close that read the pending
            // notices before this committed tries again and cancels this one's too.
            copy.Revision++;
            var facts = IncidentFacts.From(copy);
            // As routing does for a unit outside the legal reporting chain: the engagement notice, marked serious on a serious incident.
            var added = await requests.AddAsync(db, NotificationRecipient.Duty(unit), facts, NoticeKind.Engaged, engagement.Id, $"engagement:{engagement.Id:N}:duty",
                NotificationOrigins.Engagement, $"Đơn vị được {by} phân công xử lý sự cố", $"Your unit was engaged on the incident by {by}", now, cancellationToken,
                assignment: reason);
            db.PublishAfterCommit(new UnitsEngaged([new UnitEngaged(engagement.Id, incidentId, copy.Number, unit.Code, unit.NameVi, unit.NameEn, RuleId,
                routing.Version, copy.SeverityLevel, copy.Serious, added is null ? 0 : 1, now, EngagedBy: by, Reason: reason)]), now);
            await db.SaveChangesAsync(cancellationToken);
            return new ManualEngagementResult(ManualEngagementOutcome.Engaged, engagement);
        }, cancellationToken);
        if (result.Outcome == ManualEngagementOutcome.Engaged)
        {
            signal.Notify();
        }

        return result;
    }
}
