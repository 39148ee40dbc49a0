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
    [InlineData("step:1:1:1", 1, 1, false)]
    [InlineData("step:1", 1, 1, false)]
    [InlineData("step:-1:1", 1, 1, false)]
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

    [Fact]
    public void A_step_origin_made_by_notifications_is_read_back_by_escalation()
    {
        var origin = NotificationOrigins.Step(12, 3);

        Assert.True(NotificationOrigins.TryParseStep(origin, out var round, out var step));
        Assert.Equal((12, 3), (round, step));
        Assert.False(NotificationOrigins.TryParseStep(NotificationOrigins.Engagement, out _, out _));
        Assert.Equal(("Chuyển cấp: vòng 12, bước 3", "Escalation: round 12, step 3"), NotificationOrigins.Describe(origin));
        Assert.Equal("x:1", NotificationOrigins.Describe("x:1").Vi); // an unknown origin as it is
    }

    [Theory]
    [InlineData(0, 0, 1, true)] // the first notice failed: step 1 of round 1 comes now
    [InlineData(1, 1, 1, true)] // step 1 failed: step 2 of the same round comes now
    [InlineData(1, 3, 2, false)] // the round's last step failed: the repeat keeps its time
    [InlineData(2, 2, 2, true)]
    [InlineData(1, 1, 2, true, 1)] // the policy switched after step 1 of round 1: the new policy's step 1 comes now
    [InlineData(3, 1, 3, true, 2)] // within the new policy's first round
    [InlineData(3, 2, 4, false, 2)] // the new policy's own repeat keeps its time
    public void A_failure_brings_forward_only_the_next_step_of_the_same_round(int lastRound, int lastStep, int nextRound, bool forward, int? switchedAfterRound = null)
    {
        var chain = new EscalationChain
        {
            IncidentNumber = "SC-2026-00001", UnitCode = "vnpt-bn", PolicyId = "p", PolicyVersion = "v", State = ChainStates.Active,
            LastFiredRound = lastRound, LastFiredStep = lastStep, Round = nextRound,
            PreviousPolicyId = switchedAfterRound is null ? null : "old", RoundsBefore = switchedAfterRound ?? 0,
        };

        Assert.Equal(forward, NotificationFailedConsumer.NextIsInSameRound(chain));
    }
}
