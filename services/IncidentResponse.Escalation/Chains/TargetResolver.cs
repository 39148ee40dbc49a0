using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.Escalation.Schedules;

namespace IncidentResponse.Escalation.Chains;

/// <summary>Turns a step's targets into whom to page now: the on-call person is looked up at fire time.</summary>
public sealed class TargetResolver(ScheduleBook schedules)
{
    /// <summary>
    /// The targets to page, and for each that pages nobody (nobody on call, no schedule) why, in Vietnamese and English. The engaged
    /// unit is named by <paramref name="engagedNames"/> when known (escalation keeps no directory: another unit stays a code).
    /// </summary>
    public (IReadOnlyList<PageTarget> Targets, IReadOnlyList<(string Vi, string En)> Skipped) Resolve(
        IEnumerable<StepTarget> targets, string engagedUnit, DateTimeOffset at, (string? Vi, string? En) engagedNames = default)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var resolved = new List<PageTarget>();
        var skipped = new List<(string, string)>();
        foreach (var target in targets)
        {
            if (target.Oncall is { } oncallUnit)
            {
                var unit = oncallUnit == StepTarget.Self ? engagedUnit : oncallUnit;
                var (nameVi, nameEn) = unit == engagedUnit ? (engagedNames.Vi ?? unit, engagedNames.En ?? unit) : (unit, unit);
                var schedule = schedules.ScheduleAt(unit, at);
                if (schedule is null)
                {
                    skipped.Add(($"đơn vị {nameVi} không có lịch trực", $"unit {nameEn} has no on-call schedule"));
                    continue;
                }

                var decision = schedules.Calculator(schedule).WhoIsOnCall(at);
                if (decision.PersonId is null)
                {
                    // Another unit's schedule names it (escalation keeps no directory); the engaged unit's names come with its engagement.
                    skipped.Add(unit == engagedUnit
                        ? ($"không có ai trực tại {nameVi} (lịch «{schedule.NameVi}», {schedule.Id})", $"nobody on call for {nameEn} (schedule “{schedule.NameEn}”, {schedule.Id})")
                        : ($"không có ai trực theo lịch «{schedule.NameVi}» ({schedule.Id}) của đơn vị {unit}", $"nobody on call in the schedule “{schedule.NameEn}” ({schedule.Id}) of unit {unit}"));
                    continue;
                }

                resolved.Add(new PageTarget(PageTarget.Person, decision.PersonId, null, $"oncall:{unit}/{schedule.Id}/{decision.Source}", ChannelsOf(target)));
            }
            else if (target.Person is { } person)
            {
                resolved.Add(new PageTarget(PageTarget.Person, person, null, null, ChannelsOf(target)));
            }
            else if (target.Unit is { } unitCode)
            {
                resolved.Add(new PageTarget(PageTarget.Unit, unitCode == StepTarget.Self ? engagedUnit : unitCode, null, null, ChannelsOf(target)));
            }
            else if (target.Webhook is { } url)
            {
                resolved.Add(new PageTarget(PageTarget.Webhook, url, target.SecretRef, null));
            }
        }

        // The same person twice in one step (on call in two schedules) is paged once.
        return (resolved.DistinctBy(t => (t.Kind, t.Id)).ToList(), skipped);
    }

    private static List<string>? ChannelsOf(StepTarget target) => target.Channels.Count == 0 ? null : target.Channels;
}
