using IncidentResponse.Testing;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>
/// On PostgreSQL, as a database superuser would do it: an entry rewritten in SQL with every hash recomputed the
/// unkeyed way, and the last entries deleted with the incident row set to match, are both caught.
/// </summary>
public sealed class KeyedTimelinePostgresTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(7));
    private readonly Support.TempDirectory _directory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private string CheckpointFile => Path.Combine(_directory.Path, "checkpoints.jsonl");

    [Fact]
    public async Task An_entry_rewritten_in_SQL_with_the_plain_hashes_recomputed_is_reported()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-rewrite");
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 4, Start);

        await using (var db = database.NewContext())
        {
            var rows = await db.Database.ExecuteSqlRawAsync(
                "UPDATE triage.timeline_entries SET summary_vi = 'Không có gì xảy ra' WHERE incident_id = {0} AND sequence = 2", [incident.Id], Cancel);
            Assert.Equal(1, rows);
            await SealedTimelines.RecomputeUnkeyedAsync(db, incident.Id, dropKeyIds: false);
        }

        await using var check = database.NewContext();
        var result = await SealedTimelines.VerifyAsync(check, incident.Id);
        Assert.False(result.Valid);
        Assert.Contains("entry 2 was changed after it was written", result.Problems);
        Assert.Equal(4, result.KeyedEntries);
    }

    [Fact]
    public async Task A_chain_turned_into_legacy_entries_is_reported_against_the_checkpoints()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-downgrade");
        var clock = new FakeTimeProvider(Start);
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), CheckpointFile, clock);
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 3, Start);
        Assert.NotNull(await checkpointer.CheckpointAsync(Cancel));

        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE triage.timeline_entries SET summary_en = 'Nothing' WHERE incident_id = {0} AND sequence = 3", [incident.Id], Cancel);
            await SealedTimelines.RecomputeUnkeyedAsync(db, incident.Id, dropKeyIds: true);
        }

        await using var check = database.NewContext();
        var result = await SealedTimelines.VerifyAsync(check, incident.Id, log);
        Assert.False(result.Valid);
        Assert.Equal(3, result.LegacyEntries);
        Assert.Contains(result.Problems, p => p.StartsWith("entries 1–3 are unkeyed (legacy) but the checkpoints vouch for 0", StringComparison.Ordinal));
        Assert.Equal("diverged", result.Checkpoint?.State);
        Assert.Equal(1, result.Checkpoint?.FirstDiverging?.Sequence);
    }

    [Fact]
    public async Task Deleting_the_last_entries_is_found_against_the_checkpoint_and_names_the_last_that_matches()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-truncate");
        var clock = new FakeTimeProvider(Start);
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), CheckpointFile, clock);
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 4, Start);
        Assert.Equal(1, (await checkpointer.CheckpointAsync(Cancel))?.Sequence);
        clock.Advance(TimeSpan.FromMinutes(15));
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 2, clock.GetUtcNow());
        Assert.Equal(2, (await checkpointer.CheckpointAsync(Cancel))?.Sequence);

        // The last two entries go, and the incident row is set to the fourth: the chain itself is consistent.
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM triage.timeline_entries WHERE incident_id = {0} AND sequence > 4", [incident.Id], Cancel);
            await db.Database.ExecuteSqlRawAsync(
                "UPDATE triage.incidents SET timeline_length = 4, timeline_head = (SELECT hash FROM triage.timeline_entries WHERE incident_id = {0} AND sequence = 4) WHERE id = {0}",
                [incident.Id], Cancel);
            Assert.True((await db.VerifyAsync(await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incident.Id, Cancel), Cancel)).Valid);
        }

        await using var check = database.NewContext();
        var result = await SealedTimelines.VerifyAsync(check, incident.Id, log);
        Assert.False(result.Valid);
        Assert.Equal("diverged", result.Checkpoint?.State);
        Assert.Equal((2L, 6), (result.Checkpoint!.FirstDiverging!.Sequence, result.Checkpoint.FirstDiverging.Length));
        Assert.Equal((1L, 4), (result.Checkpoint.LastMatching!.Sequence, result.Checkpoint.LastMatching.Length));
        var problem = Assert.Single(result.Problems);
        Assert.Contains("checkpoint #2", problem, StringComparison.Ordinal);
        Assert.Contains("the last checkpoint that still matches is #1", problem, StringComparison.Ordinal);

        // The checkpointer does not vouch for the truncated chain.
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Null(await checkpointer.CheckpointAsync(Cancel));
    }

    public void Dispose() => _directory.Dispose();
}
