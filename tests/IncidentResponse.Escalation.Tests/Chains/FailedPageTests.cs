using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Escalation.Chains;

namespace IncidentResponse.Escalation.Tests.Chains;

/// <summary>Which failed notices make the next step due at once: only those of the step that fired last (or the first notice before any step).</summary>
public sealed class FailedPageTests
{
    [Theory]
    [InlineData("engagement", 0, 0, true)]
    [InlineData("engagement", 1, 1, false)]
    [InlineData("step:1:1", 1, 1, true)]
    [InlineData("step:1:1", 1, 2, false)]
    [InlineData("step:2:1", 1, 1, false)]
    [InlineData("deadline", 1, 1, false)]
    [InlineData("decline", 0, 0, false)]
    public void Only_a_failure_of_the_current_step_counts(string origin, int lastRound, int lastStep, bool current)
    {
        var chain = new EscalationChain
        {
            IncidentNumber = "SC-2026-00001",
            UnitCode = "vnpt-bn",
            PolicyId = "p",
            PolicyVersion = "v",
            State = ChainStates.Active,
            LastFiredRound = lastRound,
            LastFiredStep = lastStep,
        };

        Assert.Equal(current, NotificationFailedConsumer.IsCurrent(chain, origin));
    }
}
