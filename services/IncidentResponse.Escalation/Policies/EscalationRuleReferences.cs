using IncidentResponse.Escalation.Schedules;
using IncidentResponse.ServiceDefaults.Partners;

namespace IncidentResponse.Escalation.Policies;

/// <summary>The units and people the escalation policies and on-call schedules name, checked against the directory where it is kept.</summary>
public sealed class EscalationRuleReferences(PolicyBook policies, ScheduleBook schedules) : IRuleReferences
{
    public IReadOnlyList<string> Problems(IReadOnlySet<string> units, IReadOnlySet<string> people) =>
        [.. Of(() => policies.Validate(people, units)), .. Of(() => schedules.Validate(people, units))];

    /// <summary>The books were read and checked alone when the Host started: what their validation says now is what the directory adds.</summary>
    private static IEnumerable<string> Of(Action validate)
    {
        try
        {
            validate();
            return [];
        }
        catch (InvalidDataException ex)
        {
            return [ex.Message];
        }
    }
}
