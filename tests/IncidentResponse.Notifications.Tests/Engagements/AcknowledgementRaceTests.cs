using IncidentResponse.Contracts.Escalation;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Engagements;
using IncidentResponse.Notifications.Tests.Support;

namespace IncidentResponse.Notifications.Tests.Engagements;

/// <summary>
/// THE race: an acknowledgement and a due escalation step at the same moment, many times, on a real
/// database. Whichever commits first wins; an acknowledgement that committed first means no page,
/// and a page that committed first is cancelled (never claimed) by the acknowledgement.
/// </summary>
public abstract class AcknowledgementRaceTests
{
    private const int Iterations = 30;
    private static readonly PageTarget Duc = new(PageTarget.Person, "vnpt-pham-minh-duc", null, null);
    private static readonly PageTarget Committee = new(PageTarget.Unit, "bcd-bn", null, null);

    protected abstract Task<EngagementWorld> WorldAsync();

    [Fact]
    public async Task An_acknowledgement_racing_a_step_never_leaves_a_page_to_send()
    {
        await using var world = await WorldAsync();
        var ackFirst = 0;
        var stepFirst = 0;
        for (var i = 0; i < Iterations; i++)
        {
            var (engagement, _) = await world.EngageAsync();
            using var start = new ManualResetEventSlim();
            var ack = Task.Run(async () => { start.Wait(TestContext.Current.CancellationToken); return await world.ActAsync(engagement.Id, EngagementAction.Acknowledge); },
                TestContext.Current.CancellationToken);
            var step = Task.Run(async () => { start.Wait(TestContext.Current.CancellationToken); return await world.StepDueAsync(EngagementWorld.Step(engagement, 1, 1, Duc, Committee)); },
                TestContext.Current.CancellationToken);
            start.Set();
            var acknowledged = await ack;
            var paged = await step;

            Assert.Equal(EngagementOutcome.Changed, acknowledged.Outcome);
            var ackedAt = (await world.EngagementAsync(engagement.Id)).AcknowledgedAt!.Value;
            var pages = (await world.NotificationsAsync(engagement.IncidentId)).Where(n => n.Origin == "step:1:1").ToList();
            if (paged == 0)
            {
                ackFirst++;
                Assert.Empty(pages); // the acknowledgement committed first: nobody paged
            }
            else
            {
                stepFirst++;
                Assert.Equal(2, pages.Count);
                // Each side reads the clock before it waits for the database's write lock, so a step that
                // committed first can carry a time a few microseconds after the acknowledgement's: the
                // order that matters is the commit order, shown by the pages being cancelled, never sent.
                Assert.All(pages, p => Assert.True(p.CreatedAt <= ackedAt.AddSeconds(1), $"page created {p.CreatedAt:O} well after the acknowledgement {ackedAt:O}"));
                Assert.All(pages, p => Assert.Equal(NotificationStatus.Cancelled, p.Status)); // and never sent
            }

            Assert.Equal(EngagementStates.Acknowledged, (await world.EngagementAsync(engagement.Id)).State);
        }

        Assert.Equal(Iterations, ackFirst + stepFirst);
    }
}

public sealed class SqliteAcknowledgementRaceTests : AcknowledgementRaceTests
{
    protected override Task<EngagementWorld> WorldAsync() => EngagementWorld.SqliteAsync();
}

public sealed class PostgresAcknowledgementRaceTests(InfrastructureFixture infrastructure) : AcknowledgementRaceTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<EngagementWorld> WorldAsync() =>
        await EngagementWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("race_" + Guid.NewGuid().ToString("N")[..12]));
}
