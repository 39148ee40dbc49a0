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
            select (Rule: rule, Year: y, Due: due, reminder.Stage, reminder.At, reminder.Notify, reminder.NextAlertAt)).ToList();
        if (come.Count == 0)
        {
            return 0;
        }

        var reports = come.Select(c => PeriodicReports.IdOf(c.Rule.Id, c.Year)).Distinct().ToList();
        var recorded = await db.PeriodicReports.AsNoTracking().Where(r => reports.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken);
        var stages = come.Select(c => IdOf(c.Rule.Id, c.Year, c.Stage)).ToList();
        var passed = (await db.PeriodicReminders.AsNoTracking().Where(r => stages.Contains(r.Id)).Select(r => r.Id).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);
        var sent = 0;
        foreach (var report in come.Where(c => !recorded.Contains(PeriodicReports.IdOf(c.Rule.Id, c.Year)) && !passed.Contains(IdOf(c.Rule.Id, c.Year, c.Stage)))
                     .GroupBy(c => PeriodicReports.IdOf(c.Rule.Id, c.Year)))
        {
            var latest = report.MaxBy(c => c.At);
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
                        stage.Rule.Basis, stage.Due, stage.Notify, now, stage.NextAlertAt), now);
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
