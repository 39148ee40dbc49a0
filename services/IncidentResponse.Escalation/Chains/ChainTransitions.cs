using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Policies;
using IncidentResponse.ServiceDefaults.Data;

namespace IncidentResponse.Escalation.Chains;

/// <summary>How a chain starts and how milestones of its engagement move it; the consumers apply these in a transaction.</summary>
public static class ChainTransitions
{
    /// <summary>A new chain on <paramref name="policy"/> of <paramref name="version"/>, its first step due its delay after the engagement.</summary>
    public static EscalationChain Start(UnitEngaged engaged, PolicyFile version, EscalationPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(engaged);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(policy);
        return new EscalationChain
        {
            Id = engaged.EngagementId,
            IncidentId = engaged.IncidentId,
            IncidentNumber = engaged.IncidentNumber,
            UnitCode = engaged.UnitCode,
            UnitNameVi = NameOrNull(engaged.UnitNameVi),
            UnitNameEn = NameOrNull(engaged.UnitNameEn),
            SeverityLevel = engaged.SeverityLevel,
            Serious = engaged.Serious,
            PolicyId = policy.Id,
            PolicyVersion = version.Version,
            State = ChainStates.Active,
            Round = 1,
            NextStep = 1,
            NextTimer = TimerKinds.Step,
            NextDueAt = engaged.EngagedAt + policy.Steps[0].Delay,
            StartedAt = now,
        };
    }

    private static string? NameOrNull(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : ColumnText.Fit(name, EscalationChainConfiguration.UnitNameLength);

    /// <summary>Receipt confirmed: no more steps; the policy's acknowledgement timeout (if any) becomes the pending timer. False when nothing changes.</summary>
    public static bool Acknowledge(EscalationChain chain, EscalationPolicy? policy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.State is not (ChainStates.Active or ChainStates.Exhausted))
        {
            return false;
        }

        chain.State = ChainStates.Acknowledged;
        chain.AcknowledgedAt = at;
        var timeout = policy?.AcknowledgementTimeoutSpan;
        chain.NextTimer = timeout is null ? null : TimerKinds.AcknowledgementTimeout;
        chain.NextDueAt = timeout is null ? null : at + timeout.Value;
        return true;
    }

    /// <summary>Accepted, declined, resolved or the incident closed: nothing is pending any more. False when it already ended.</summary>
    public static bool End(EscalationChain chain, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(chain);
        if (chain.State == ChainStates.Ended)
        {
            return false;
        }

        chain.State = ChainStates.Ended;
        chain.EndedAt = at;
        chain.NextDueAt = null;
        chain.NextTimer = null;
        return true;
    }
}
