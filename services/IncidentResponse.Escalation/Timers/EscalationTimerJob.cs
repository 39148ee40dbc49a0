using System.Globalization;
using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Deadlines;
using IncidentResponse.ServiceDefaults.Diagnostics;
using Microsoft.Extensions.Logging;
using Quartz;

namespace IncidentResponse.Escalation.Timers;

/// <summary>
/// What every escalation trigger runs: it only says "look at the database now". A wake-up trigger
/// sweeps everything due; a trigger naming one chain or clock (as stored before wake-ups were shared)
/// looks at that one. The stepper and the alerter decide from the database whether anything is due,
/// so a late, repeated or stale firing changes nothing.
/// </summary>
public sealed partial class EscalationTimerJob(EscalationSweep sweep, EscalationStepper stepper, DeadlineAlerter alerter, ILogger<EscalationTimerJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.MergedJobDataMap;
        // A recovered firing (its Host died during it) sweeps, whatever it was: the database says what is still due.
        var kind = context.Recovering ? EscalationTimers.SweepKind : Text(data, EscalationTimers.KindKey);
        var firedBy = $"{HostInstance.Name}/{context.Scheduler.SchedulerInstanceId}";
        var target = Guid.Empty;
        try
        {
            if (kind == EscalationTimers.SweepKind)
            {
                await sweep.SweepAsync(cancellationToken, firedBy);
                return;
            }

            target = Guid.ParseExact(Text(data, EscalationTimers.TargetKey), "N");
            var round = int.Parse(Text(data, EscalationTimers.RoundKey), CultureInfo.InvariantCulture);
            var step = int.Parse(Text(data, EscalationTimers.StepKey), CultureInfo.InvariantCulture);
            if (kind == TimerKinds.Deadline)
            {
                await alerter.AlertAsync(target, step, cancellationToken);
            }
            else
            {
                await stepper.FireAsync(target, kind, round, step, cancellationToken, firedBy);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException && !Stopping(context))
        {
            // The rows still say what is due; the next sweep or the reconciler takes it up. A failure
            // while the scheduler stops is not one: the reconciler sets the wake-ups again on the next start.
            LogFailed(logger, kind, target, ServiceDefaults.Failures.Describe(ex));
        }
    }

    private static bool Stopping(IJobExecutionContext context) =>
        context.Scheduler.Status is SchedulerStatus.ShuttingDown or SchedulerStatus.Shutdown;

    private static string Text(JobDataMap data, string key) =>
        data.TryGetValue(key, out var value) && value is not null ? Convert.ToString(value, CultureInfo.InvariantCulture)! : throw new InvalidOperationException($"timer without {key}");

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation timer {Kind} for {Target} failed; it is retried by the reconciler: {Reason}")]
    private static partial void LogFailed(ILogger logger, string kind, Guid target, string reason);
}
