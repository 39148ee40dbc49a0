using IncidentResponse.Web.Board;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Web.Tests.Board;

/// <summary>One read of the board serves the viewers of one role who ask within <c>Web:Board:ShareFor</c>, never older than their change (review M5).</summary>
public sealed class BoardShareTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);

    private sealed record Model(int Read, bool Failed = false);

    private BoardShare<Model> Share(TimeSpan? shareFor = null) =>
        new(clock, Options.Create(new BoardOptions { ShareFor = shareFor ?? TimeSpan.FromSeconds(1) }));

    /// <summary>A read that finishes when the test says so, numbering itself.</summary>
    private sealed class Reads
    {
        private int count;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count => count;

        public async Task<Model> ReadAsync(CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref count);
            await Gate.Task.WaitAsync(cancellationToken);
            return new Model(number);
        }
    }

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Task<Model> Get(BoardShare<Model> share, Reads reads, string role = "viewer", DateTimeOffset? changedAt = null) =>
        share.GetAsync(role, changedAt, reads.ReadAsync, m => m.Failed, Cancel);

    [Fact]
    public async Task Twenty_viewers_refetching_together_make_one_read_and_see_the_same_board()
    {
        var share = Share();
        var reads = new Reads();
        var viewers = Enumerable.Range(0, 20).Select(_ => Get(share, reads, changedAt: Start)).ToList();
        reads.Gate.SetResult();

        var boards = await Task.WhenAll(viewers);

        Assert.Equal(1, reads.Count);
        Assert.Equal(1, share.Reads);
        Assert.All(boards, b => Assert.Same(boards[0], b));
    }

    [Fact]
    public async Task A_change_heard_after_the_read_began_makes_a_new_read_and_a_fresh_read_serves_page_loads()
    {
        var share = Share();
        var reads = new Reads();
        reads.Gate.SetResult();
        var first = await Get(share, reads);

        clock.Advance(TimeSpan.FromMilliseconds(400));
        Assert.Same(first, await Get(share, reads)); // a page load within ShareFor
        Assert.Same(first, await Get(share, reads, changedAt: Start)); // a change the read already saw

        var changed = await Get(share, reads, changedAt: clock.GetUtcNow()); // heard after the read began
        Assert.Equal(2, changed.Read);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, (await Get(share, reads)).Read); // older than ShareFor
    }

    [Fact]
    public async Task Roles_never_share_a_read()
    {
        var share = Share();
        var reads = new Reads();
        reads.Gate.SetResult();

        var viewer = await Get(share, reads, "viewer");
        var coordinator = await Get(share, reads, "coordinator");

        Assert.NotEqual(viewer.Read, coordinator.Read);
        Assert.Same(coordinator, await Get(share, reads, "coordinator"));
    }

    [Fact]
    public async Task A_failed_read_is_not_shared_and_the_viewers_waiting_on_it_make_one_new_read_together()
    {
        var share = Share();
        var count = 0;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        async Task<Model> ReadAsync(CancellationToken cancellationToken)
        {
            var number = Interlocked.Increment(ref count);
            await gate.Task.WaitAsync(cancellationToken);
            return new Model(number, Failed: number == 1);
        }

        var first = share.GetAsync("viewer", null, ReadAsync, m => m.Failed, Cancel);
        var waiting = Enumerable.Range(0, 5).Select(_ => share.GetAsync("viewer", null, ReadAsync, m => m.Failed, Cancel)).ToList();
        gate.SetResult();

        Assert.True((await first).Failed);
        var boards = await Task.WhenAll(waiting);
        Assert.All(boards, b => Assert.Same(boards[0], b));
        Assert.Equal((2, false), (boards[0].Read, boards[0].Failed));
        Assert.Same(boards[0], await share.GetAsync("viewer", null, ReadAsync, m => m.Failed, Cancel));
        Assert.Equal(2, count);
    }

    [Fact]
    public async Task When_the_first_viewer_leaves_the_others_still_get_a_board()
    {
        var share = Share();
        var reads = new Reads();
        using var leaves = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var first = share.GetAsync("viewer", null, reads.ReadAsync, m => m.Failed, leaves.Token);
        var second = Get(share, reads);

        await leaves.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        reads.Gate.SetResult();

        Assert.Equal(2, (await second).Read);
    }

    [Fact]
    public async Task Share_for_zero_reads_for_every_viewer()
    {
        var share = Share(TimeSpan.Zero);
        var reads = new Reads();
        reads.Gate.SetResult();

        await Get(share, reads);
        await Get(share, reads);

        Assert.Equal(2, reads.Count);
    }
}
