using IncidentResponse.Contracts.Periodic;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Periodic;

/// <summary>
/// Reminds the committee of its periodic reports (Mẫu 05): for this year's and last year's reports still owed (nothing
/// recorded). Before the due time, of the reminders (<c>remindBefore</c>) that came since the last sweep only the latest is
/// sent, and not when older than <c>Triage:PeriodicReminderStaleAfter</c> or once the due time has come. From the due time the
/// overdue alerts (<c>overdue</c>, then the rule's <c>overdue</c> steps) go one step at a time, each no sooner after the one
/// sent before it than the rules space them: after a gap the next step goes, not the last, and a new deployment hears first
/// that last year's reports are open, as the duties board shows them. What is not sent is recorded as passed; each message
/// commits with its record.
/// </summary>
public sealed class PeriodicReminders(TriageDbContext db, RuleBook rules, IOptions<TriageOptions> options, TimeProvider time)
{
    /// <summary>Passes the stages that have come; returns how many reminders it published.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var zone = settings.Zone();
        var year = TimeZoneInfo.ConvertTime(now, zone).Year;
        var owed = (
            from rule in rules.Regimes.PeriodicReports
            from y in new[] { year - 1, year }
            let due = rule.DueIn(y, zone)
            let stages = rule.Reminders(due).ToList()
            where stages.Count > 0 && stages.Min(st => st.At) <= now
            select (Rule: rule, Year: y, Due: due, Stages: stages)).ToList();
        if (owed.Count == 0)
        {
            return 0;
        }

        var reports = owed.Select(o => PeriodicReports.IdOf(o.Rule.Id, o.Year)).ToList();
        var recorded = await db.PeriodicReports.AsNoTracking().Where(r => reports.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var kinds = owed.Select(o => o.Rule.Id).Distinct().ToList();
        var years = owed.Select(o => o.Year).Distinct().ToList();
        var earlier = (await db.PeriodicReminders.AsNoTracking().Where(r => kinds.Contains(r.Kind) && years.Contains(r.Year))
            .Select(r => new { r.Id, r.Sent, r.At }).ToListAsync(cancellationToken)).ToDictionary(r => r.Id, r => (r.Sent, r.At), StringComparer.Ordinal);
        var sent = 0;
        foreach (var (rule, reportYear, due, stages) in owed.Where(o => !recorded.Contains(PeriodicReports.IdOf(o.Rule.Id, o.Year))))
        {
            var record = (PeriodicReminderStage stage, bool send) =>
            {
                db.PeriodicReminders.Add(new PeriodicReminderRecord
                {
                    Id = IdOf(rule.Id, reportYear, stage.Stage), Kind = rule.Id, Year = reportYear, Stage = stage.Stage, DueAt = due, StageAt = stage.At, At = now, Sent = send,
                });
            };
            var publish = (PeriodicReminderStage stage, DateTimeOffset? nextAt, string? nextUnit) =>
            {
                db.PublishAfterCommit(new PeriodicReportReminder(rule.Id, reportYear, stage.Stage, rule.Name.Vi, rule.Name.En, rule.Basis, due, stage.Notify, now,
                    nextAt, nextAt is null ? null : nextUnit, rule.Notify), now);
                sent++;
            };

            // Before the due time: of the reminders that came and were not passed only the latest is sent, and not when it is
            // stale or the due time has come (the overdue alert says more). The rest are recorded as passed.
            var early = stages.Where(st => !PeriodicReportReminder.IsOverdueStage(st.Stage) && st.At <= now && !earlier.ContainsKey(IdOf(rule.Id, reportYear, st.Stage))).ToList();
            var latest = early.MaxBy(st => st.At);
            foreach (var stage in early)
            {
                var send = stage == latest && due > now && now - stage.At <= settings.PeriodicReminderStaleAfter;
                record(stage, send);
                if (send)
                {
                    publish(stage, null, null);
                }
            }

            // Overdue: one step at a time. The step after the last one sent comes at its time, and never sooner after that one
            // than the rules space them: a report nobody was told is overdue (a new deployment, a Host down across the due
            // time) gets its first alert, not the last step's escalation, and each further step still follows in its turn.
            var alerts = stages.Where(st => PeriodicReportReminder.IsOverdueStage(st.Stage)).ToList();
            var lastSent = alerts.FindLastIndex(st => earlier.TryGetValue(IdOf(rule.Id, reportYear, st.Stage), out var r) && r.Sent);
            var next = alerts.FindIndex(lastSent + 1, st => !earlier.ContainsKey(IdOf(rule.Id, reportYear, st.Stage)));
            if (next < 0)
            {
                continue;
            }

            var interval = settings.PeriodicReminderInterval;
            var at = When(alerts, next, lastSent < 0 ? null : (lastSent, earlier[IdOf(rule.Id, reportYear, alerts[lastSent].Stage)].At), interval);
            if (at > now)
            {
                continue;
            }

            record(alerts[next], true);
            var after = next + 1 < alerts.Count ? When(alerts, next + 1, (next, now), interval) : (DateTimeOffset?)null;
            // The sweep looks at this year's and last year's reports: an alert that would fall in a later year never comes.
            after = after is { } a && TimeZoneInfo.ConvertTime(a, zone).Year > reportYear + 1 ? null : after;
            publish(alerts[next], after, after is null ? null : alerts[next + 1].Notify);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (Conflicts.IsConflict(ex))
        {
            // Another Host passed the same stage first: it sent what was owed.
            db.ChangeTracker.Clear();
            return 0;
        }

        return sent;
    }

    /// <summary>
    /// When overdue step <paramref name="index"/> comes: at its time by the rules, and no sooner after the step sent before it
    /// (<paramref name="previous"/>: its index and when it was sent) than the rules space the two. A step sent within one sweep
    /// <paramref name="interval"/> of its time counts as on time: the next keeps its own time, not one a sweep's delay later.
    /// </summary>
    private static DateTimeOffset When(List<PeriodicReminderStage> alerts, int index, (int Index, DateTimeOffset SentAt)? previous, TimeSpan interval)
    {
        if (previous is not { } p || p.SentAt - alerts[p.Index].At <= interval)
        {
            return alerts[index].At;
        }

        var spaced = p.SentAt + (alerts[index].At - alerts[p.Index].At);
        return spaced > alerts[index].At ? spaced : alerts[index].At;
    }

    public static string IdOf(string kind, int year, string stage) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{year}:{stage}");
}
