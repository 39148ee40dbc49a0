using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>Checkpoints go to an append-only JSON-lines file, stamped by the injected clock, signed and chained line to line.</summary>
public sealed class TimelineCheckpointFileTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly TempDirectory _directory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string File => Path.Combine(_directory.Path, "checkpoints", "timeline.jsonl");

    [Fact]
    public async Task Heads_that_moved_are_written_once_per_pass_at_the_time_of_the_clock()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), File, clock);
        var first = await TestIncidents.OpenAsync(() => database.NewContext());
        var second = await TestIncidents.OpenAsync(() => database.NewContext(), "SC-2026-00043");
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), first.Id, 2, Start);
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), second.Id, 1, Start);

        await checkpointer.CheckpointAsync(Cancel);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(await checkpointer.CheckpointAsync(Cancel)); // nothing moved: no line
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), first.Id, 1, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(15));
        await checkpointer.CheckpointAsync(Cancel);

        var lines = await System.IO.File.ReadAllLinesAsync(File, Cancel);
        Assert.Equal(2, lines.Length);
        var written = lines.Select(l => TimelineCheckpoint.Parse(l)!).ToList();
        Assert.Equal([1L, 2L], written.Select(c => c.Sequence));
        Assert.Equal([Start.ToUniversalTime(), Start.AddMinutes(30).ToUniversalTime()], written.Select(c => c.Instant));
        Assert.Equal([(first.Id, 2), (second.Id, 1)], written[0].Heads.OrderBy(h => h.Length).Reverse().Select(h => (h.Incident, h.Length)));
        Assert.Equal((first.Id, 3), (written[1].Heads.Single().Incident, written[1].Heads.Single().Length));
        Assert.Equal(written[0].Mac, written[1].Previous);
        Assert.Equal(TestTimelineKeys.Ring.Current.Id, written[1].KeyId);
        var history = await log.ReadAsync(Cancel);
        Assert.Empty(history.Problems);
        Assert.Equal("matches", (await SealedTimelines.VerifyAsync(database.NewContext(), first.Id, log)).Checkpoint?.State);
    }

    [Fact]
    public async Task A_changed_or_removed_checkpoint_line_is_reported_and_not_trusted()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), File, clock);
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        for (var i = 0; i < 3; i++)
        {
            await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 1, clock.GetUtcNow());
            await checkpointer.CheckpointAsync(Cancel);
            clock.Advance(TimeSpan.FromMinutes(15));
        }

        var lines = (await System.IO.File.ReadAllLinesAsync(File, Cancel)).ToList();
        lines[0] = lines[0].Replace("\"length\":1", "\"length\":9", StringComparison.Ordinal);
        lines.RemoveAt(1);
        await System.IO.File.WriteAllLinesAsync(File, lines, Cancel);

        var history = await new TimelineCheckpointLog(TestTimelineKeys.Ring, File).ReadAsync(Cancel);
        Assert.Equal(
            ["checkpoint #1 (line 1) has a bad signature: it was changed or forged", "checkpoint #3 (line 2) does not follow checkpoint #0: lines were removed or reordered"],
            history.Problems);
        Assert.Equal([3L], history.Checkpoints.Select(c => c.Sequence));
    }

    [Fact]
    public async Task The_loop_checkpoints_at_start_and_then_every_interval_of_the_clock()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var clock = new FakeTimeProvider(Start);
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), File, clock);
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 1, Start);
        var options = Microsoft.Extensions.Options.Options.Create(new TimelineCheckpointOptions { CheckpointInterval = TimeSpan.FromMinutes(5) });
        using var loop = new TimelineCheckpointLoop(checkpointer, TestTimelineKeys.Ring, ReadyDatabase(), options, clock,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<TimelineCheckpointLoop>.Instance);

        await loop.StartAsync(Cancel);
        await LinesAsync(1);
        await Task.Delay(300, Cancel); // the loop now waits on the fake clock
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 1, clock.GetUtcNow());
        clock.Advance(TimeSpan.FromMinutes(4));
        await Task.Delay(200, Cancel);
        Assert.Single(await System.IO.File.ReadAllLinesAsync(File, Cancel));
        clock.Advance(TimeSpan.FromMinutes(1));
        await LinesAsync(2);
        await loop.StopAsync(Cancel);

        var second = TimelineCheckpoint.Parse((await System.IO.File.ReadAllLinesAsync(File, Cancel))[1])!;
        Assert.Equal(Start.AddMinutes(5).ToUniversalTime(), second.Instant);
        Assert.Equal(2, second.Heads.Single().Length);
        Assert.Empty((await log.ReadAsync(Cancel)).Problems);
    }

    private async Task LinesAsync(int count)
    {
        for (var waited = 0; waited < 10_000; waited += 50)
        {
            if (System.IO.File.Exists(File) && (await System.IO.File.ReadAllLinesAsync(File, Cancel)).Length == count)
            {
                return;
            }

            await Task.Delay(50, Cancel);
        }

        Assert.Fail($"the checkpoint file does not have {count} line(s)");
    }

    /// <summary>A database status that says every database is migrated, as the Host's migrator would.</summary>
    private static IncidentResponse.ServiceDefaults.Data.DatabaseStatus ReadyDatabase()
    {
        var status = new IncidentResponse.ServiceDefaults.Data.DatabaseStatus();
        typeof(IncidentResponse.ServiceDefaults.Data.DatabaseStatus).GetMethod("ReportAllReady", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!
            .Invoke(status, null);
        return status;
    }

    public void Dispose() => _directory.Dispose();
}
