using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline.Sealing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>Keys are rotated without breaking what the old key sealed; legacy entries stay verifiable as legacy.</summary>
public sealed class TimelineKeyRotationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 8, 0, 0, TimeSpan.FromHours(7));
    private static readonly TimelineKeyRing Rotated = new(TestTimelineKeys.NextKey, [TestTimelineKeys.Key]);
    private readonly TempDirectory _directory = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Entries_and_checkpoints_under_the_old_key_still_verify_after_rotation()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var file = Path.Combine(_directory.Path, "checkpoints.jsonl");
        var clock = new FakeTimeProvider(Start);
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 2, Start);
        await SealedTimelines.Checkpointer(() => database.NewContext(), file, clock).Checkpointer.CheckpointAsync(Cancel);

        var after = TestTimelineKeys.ServicesFor(Rotated);
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(services: after), incident.Id, 2, Start.AddHours(1));
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(services: after), file, clock, Rotated);
        clock.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(Rotated.Current.Id, (await checkpointer.CheckpointAsync(Cancel))?.KeyId);

        await using var db = database.NewContext(services: after);
        var result = await SealedTimelines.VerifyAsync(db, incident.Id, log);
        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Equal((4, 0), (result.KeyedEntries, result.LegacyEntries));
        Assert.Equal(new[] { TestTimelineKeys.Ring.Current.Id, Rotated.Current.Id }.Order(StringComparer.Ordinal), result.KeyIds);
        Assert.Equal(("matches", 2), (result.Checkpoint?.State, result.Checkpoint?.Checkpoints));
        var stored = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == incident.Id).OrderBy(e => e.Sequence).Select(e => e.KeyId).ToListAsync(Cancel);
        Assert.Equal([TestTimelineKeys.Ring.Current.Id, TestTimelineKeys.Ring.Current.Id, Rotated.Current.Id, Rotated.Current.Id], stored);
    }

    [Fact]
    public async Task Without_the_old_key_its_entries_are_reported_as_unverifiable()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 1, Start);

        await using var db = database.NewContext(services: TestTimelineKeys.ServicesFor(new TimelineKeyRing(TestTimelineKeys.NextKey)));
        var result = await SealedTimelines.VerifyAsync(db, incident.Id);

        Assert.Equal([$"entry 1 is sealed with key {TestTimelineKeys.Ring.Current.Id}, which this Host does not have"], result.Problems);
    }

    [Fact]
    public async Task Legacy_entries_verify_as_legacy_and_new_entries_after_them_are_keyed()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var incident = await TestIncidents.OpenAsync(() => database.NewContext());
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 3, Start);
        await using (var db = database.NewContext())
        {
            await SealedTimelines.RecomputeUnkeyedAsync(db, incident.Id, dropKeyIds: true); // as written before the chain was keyed
        }

        var file = Path.Combine(_directory.Path, "checkpoints.jsonl");
        var (checkpointer, log) = SealedTimelines.Checkpointer(() => database.NewContext(), file, new FakeTimeProvider(Start));
        Assert.Equal(3, (await checkpointer.CheckpointAsync(Cancel))?.Heads.Single().Legacy);
        await SealedTimelines.AppendNotesAsync(() => database.NewContext(), incident.Id, 2, Start.AddHours(1));

        await using var check = database.NewContext();
        var result = await SealedTimelines.VerifyAsync(check, incident.Id, log);
        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Equal((2, 3), (result.KeyedEntries, result.LegacyEntries));
    }

    [Fact]
    public void A_distributed_deployment_without_a_timeline_key_refuses_to_start_and_says_what_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Ring(null, DatabaseProvider.Postgres));

        Assert.Contains("Security__TimelineKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_embedded_default_keeps_a_generated_key_readable_by_its_owner_only_and_keeps_it_after_a_configured_key()
    {
        var generated = Ring(null, DatabaseProvider.Sqlite);
        var path = Path.Combine(_directory.Path, TimelineKeyRing.KeyFileName);

        Assert.Equal(generated.Current.Id, Ring(null, DatabaseProvider.Sqlite).Current.Id);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }

        var configured = Ring(TestTimelineKeys.NextKey, DatabaseProvider.Sqlite);
        Assert.Equal(Rotated.Current.Id, configured.Current.Id);
        Assert.NotNull(configured.Find(generated.Current.Id));
    }

    private TimelineKeyRing Ring(string? key, DatabaseProvider provider) => TimelineKeyRing.FromConfiguration(
        Options.Create(new TimelineKeyOptions { TimelineKey = key }),
        Options.Create(new DatabaseOptions { Provider = provider, DataDirectory = _directory.Path }),
        new ConfigurationBuilder().Build());

    public void Dispose() => _directory.Dispose();
}
