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
/// recorded), each reminder stage of the rules (<c>remindBefore</c>, then <c>overdue</c> at the due time and the further
/// overdue alerts of the rule's <c>overdue</c> steps) that has come is passed once. Of a report's stages that came since the last sweep only the latest is sent (a Host down for a fortnight
/// sends "overdue", not three messages), and a reminder before the due time older than <c>Triage:PeriodicReminderStaleAfter</c>
/// is not sent at all; the overdue alert of a report still owed is (a new deployment hears once that last year's are open,
/// as the duties board shows them). What is not sent is recorded as passed. The message commits with its record.
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
        var come = (
            from rule in rules.Regimes.PeriodicReports
            from y in new[] { year - 1, year }
            let due = rule.DueIn(y, zone)
            from reminder in rule.Reminders(due)
            where reminder.At <= now
            select (Rule: rule, Year: y, Due: due, reminder.Stage, reminder.At, reminder.Notify, reminder.NextAlertAt, reminder.NextAlertUnit)).ToList();
        if (come.Count == 0)
        {
            return 0;
        }

        var reports = come.Select(c => PeriodicReports.IdOf(c.Rule.Id, c.Year)).Distinct().ToList();
        var recorded = await db.PeriodicReports.AsNoTracking().Where(r => reports.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var kinds = come.Select(c => c.Rule.Id).Distinct().ToList();
        var years = come.Select(c => c.Year).Distinct().ToList();
        var earlier = await db.PeriodicReminders.AsNoTracking().Where(r => kinds.Contains(r.Kind) && years.Contains(r.Year))
            .Select(r => new { r.Id, r.Kind, r.Year, r.Stage, r.Sent }).ToListAsync(cancellationToken);
        var passed = earlier.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var alerted = earlier.Where(r => r.Sent && PeriodicReportReminder.IsOverdueStage(r.Stage)).Select(r => PeriodicReports.IdOf(r.Kind, r.Year)).ToHashSet(StringComparer.Ordinal);
        var sent = 0;
        foreach (var report in come.Where(c => !recorded.Contains(PeriodicReports.IdOf(c.Rule.Id, c.Year)) && !passed.Contains(IdOf(c.Rule.Id, c.Year, c.Stage)))
                     .GroupBy(c => PeriodicReports.IdOf(c.Rule.Id, c.Year)))
        {
            var latest = report.MaxBy(c => c.At);
            var next = latest.NextAlertAt;
            var nextUnit = latest.NextAlertUnit;
            if (PeriodicReportReminder.OverdueRound(latest.Stage) > 1 && !alerted.Contains(report.Key)
                && report.FirstOrDefault(c => c.Stage == PeriodicReportReminder.Overdue) is { } first)
            {
                // Nobody was alerted that it is overdue (a new deployment, a Host down since before the due time): the first
                // alert goes to the unit that was to hear first, saying when the next still to come is; the steps whose time
                // went by unheard are not escalated to someone who was never told it was owed.
                var ahead = latest.Rule.Reminders(latest.Due).FirstOrDefault(r => r.At > now && PeriodicReportReminder.IsOverdueStage(r.Stage));
                (latest, next, nextUnit) = (first, ahead?.At, ahead?.Notify);
            }

            foreach (var stage in report)
            {
                // A reminder before the due time that came long ago says nothing any more; the overdue alert of a report still owed does.
                var send = stage == latest && (PeriodicReportReminder.IsOverdueStage(stage.Stage) || now - stage.At <= settings.PeriodicReminderStaleAfter);
                db.PeriodicReminders.Add(new PeriodicReminderRecord
                {
                    Id = IdOf(stage.Rule.Id, stage.Year, stage.Stage), Kind = stage.Rule.Id, Year = stage.Year, Stage = stage.Stage,
                    DueAt = stage.Due, StageAt = stage.At, At = now, Sent = send,
                });
                if (send)
                {
                    db.PublishAfterCommit(new PeriodicReportReminder(stage.Rule.Id, stage.Year, stage.Stage, stage.Rule.Name.Vi, stage.Rule.Name.En,
                        stage.Rule.Basis, stage.Due, stage.Notify, now, next, next is null ? null : nextUnit), now);
                    sent++;
                }
            }
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

    public static string IdOf(string kind, int year, string stage) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{kind}:{year}:{stage}");
}
