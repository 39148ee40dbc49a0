using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Policies;

namespace IncidentResponse.Escalation.Chains;

/// <summary>
/// An engagement's policy is chosen from the incident's facts (unit, severity, serious flag). When a newer state of
/// the incident makes another policy apply, a chain still paging (active) moves to that policy, in the version in
/// force, continuing from now: a new round starts at the new policy's first step, due its delay from now, so no step
/// already fired is fired again and the stale wake-up finds nothing. An acknowledged chain keeps its timeout and
/// takes the new policy for any paging that starts again; exhausted and ended chains are left as they are.
/// </summary>
public static class PolicySwitch
{
    /// <summary>Moves <paramref name="chain"/> to the policy the facts choose, if it is another one; false when nothing changed.</summary>
    public static bool Apply(EscalationChain chain, PolicyBook policies, int severityLevel, bool serious, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(policies);
        if (chain.State is not (ChainStates.Active or ChainStates.Acknowledged))
        {
            return false;
        }

        chain.SeverityLevel = severityLevel;
        chain.Serious = serious;
        var version = policies.VersionAt(now);
        var policy = version.Choose(chain.UnitCode, severityLevel, serious);
        if (policy.Id == chain.PolicyId)
        {
            return false;
        }

        chain.PreviousPolicyId = chain.PolicyId;
        chain.PolicyId = policy.Id;
        chain.PolicyVersion = version.Version;
        chain.PolicySwitchedAt = now;
        chain.RoundsBefore = chain.Round;
        if (chain.State == ChainStates.Active)
        {
            chain.Round++;
            chain.NextStep = 1;
            chain.NextTimer = TimerKinds.Step;
            chain.NextDueAt = now + policy.Steps[0].Delay;
        }

        chain.Version++;
        return true;
    }
}
