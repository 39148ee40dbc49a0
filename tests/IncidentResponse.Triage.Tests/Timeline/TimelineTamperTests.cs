using IncidentResponse.Contracts.Api.Incidents;
using IncidentResponse.Triage.Incidents;
using IncidentResponse.Triage.Tests.Support;
using IncidentResponse.Triage.Timeline;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Timeline;

/// <summary>The hash-chained timeline on a real SQLite database: any change or removal of an entry shows.</summary>
public sealed class TimelineTamperTests
{
    private static readonly DateTimeOffset Opened = new(2026, 11, 25, 10, 5, 0, TimeSpan.FromHours(7));
    private static readonly Actor Officer = new("user:tran-thi-b", "Trần Thị B", "web");

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static Incident NewIncident() => new()
    {
        Id = Guid.NewGuid(),
        Number = "SC-2026-00042",
        Title = "DDoS vào Cổng dịch vụ công",
        Classification = "availability:ddos",
        Status = "new",
        SeverityLevel = 4,
        Score = 49,
        Serious = true,
        Tlp = "AMBER",
        DetectedAt = Opened.AddMinutes(-5),
        OpenedAt = Opened,
        LastSeenAt = Opened,
        ReportCount = 1,
        Fingerprint = new string('a', 64),
        PolicyVersion = "2026.1",
        Regime = "vn-2026-07",
        Assessment = "{}",
    };

    /// <summary>An incident with four entries, saved; returns its id.</summary>
    private static async Task<Guid> SeedAsync(SqliteDatabase database, int entries = 4, DateTimeOffset? firstAt = null)
    {
        await using var db = database.NewContext();
        var incident = NewIncident();
        db.Incidents.Add(incident);
        for (var i = 1; i <= entries; i++)
        {
            var at = i == 1 && firstAt is { } first ? first : Opened.AddMinutes(i);
            db.Append(incident, i == 1 ? TimelineKinds.IncidentOpened : TimelineKinds.NoteAdded, i == 1 ? Actor.System : Officer, at,
                $"Ghi chú số {i}", $"Note number {i}", new { number = i, text = "Đã chặn IP nguồn" });
        }

        await db.SaveChangesAsync(Cancel);
        return incident.Id;
    }

    private static async Task<TimelineVerification> VerifyAsync(SqliteDatabase database, Guid incidentId)
    {
        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == incidentId, Cancel);
        return await db.VerifyAsync(incident, Cancel);
    }

    private static async Task ExecuteAsync(SqliteDatabase database, string sql)
    {
        await using var db = database.NewContext();
        var rows = await db.Database.ExecuteSqlRawAsync(sql, Cancel);
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task An_untouched_timeline_verifies()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);

        var result = await VerifyAsync(database, id);

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        Assert.Equal(4, result.Entries);
        Assert.Empty(result.Problems);
        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, Cancel);
        Assert.Equal((4, incident.TimelineHead), (incident.TimelineLength, result.HeadHash));
        var chain = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Sequence).ToListAsync(Cancel);
        Assert.Equal([1, 2, 3, 4], chain.Select(e => e.Sequence));
        Assert.Equal(TimelineHasher.Genesis, chain[0].PreviousHash);
        Assert.Equal(chain.Take(3).Select(e => e.Hash), chain.Skip(1).Select(e => e.PreviousHash));
    }

    [Fact]
    public async Task The_chain_is_checked_in_one_pass_so_a_timeline_is_read_as_a_stream_never_held_whole()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database, entries: 6);
        await ExecuteAsync(database, "UPDATE timeline_entries SET summary_vi = 'Không có gì xảy ra' WHERE sequence = 5");
        await using var db = database.NewContext();
        var incident = await db.Incidents.AsNoTracking().SingleAsync(i => i.Id == id, Cancel);
        var chain = await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.Sequence).ToListAsync(Cancel);

        var once = new ReadOnce(chain);
        var result = TimelineVerifier.Verify(incident, once, db.TimelineKeys(), checkpoints: null);

        Assert.Equal(1, once.Reads);
        Assert.Equal((false, 6), (result.Valid, result.Entries));
        Assert.Equal(["entry 5 was changed after it was written"], result.Problems);
        Assert.Equal(result.Problems, (await db.VerifyAsync(incident, Cancel)).Problems); // the database's stream says the same
    }

    /// <summary>Entries that may be read once, as a database reader streams them.</summary>
    private sealed class ReadOnce(IEnumerable<TimelineEntry> entries) : IEnumerable<TimelineEntry>
    {
        public int Reads { get; private set; }

        public IEnumerator<TimelineEntry> GetEnumerator() => ++Reads == 1 ? entries.GetEnumerator() : throw new InvalidOperationException("read twice");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public async Task An_incident_without_entries_verifies_as_empty()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database, entries: 0);

        var result = await VerifyAsync(database, id);

        Assert.True(result.Valid);
        Assert.Equal(0, result.Entries);
        Assert.Null(result.HeadHash);
    }

    [Fact]
    public async Task A_changed_summary_is_found_and_the_entry_named()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);

        await ExecuteAsync(database, "UPDATE timeline_entries SET summary_vi = 'Không có gì xảy ra' WHERE sequence = 2");
        var result = await VerifyAsync(database, id);

        Assert.False(result.Valid);
        Assert.Equal(["entry 2 was changed after it was written"], result.Problems);
    }

    [Fact]
    public async Task A_changed_entry_with_a_recomputed_hash_breaks_the_link_to_the_next()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);
        await using (var db = database.NewContext())
        {
            var entry = await db.TimelineEntries.SingleAsync(e => e.IncidentId == id && e.Sequence == 2, Cancel);
            entry.SummaryEn = "Nothing happened";
            var key = TestTimelineKeys.Ring.Current; // a key holder: the chain still shows it at the next link
            entry.Hash = TimelineHasher.Hash(entry, key.Id, key.Secret);
            await db.SaveChangesAsync(Cancel);
        }

        var result = await VerifyAsync(database, id);

        Assert.False(result.Valid);
        Assert.Equal(["entry 3 does not follow the entry before it"], result.Problems);
    }

    [Fact]
    public async Task A_deleted_middle_entry_is_found_and_named()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);

        await ExecuteAsync(database, "DELETE FROM timeline_entries WHERE sequence = 2");
        var result = await VerifyAsync(database, id);

        Assert.False(result.Valid);
        Assert.Equal(3, result.Entries);
        Assert.Contains("entry 2 is missing (found 3)", result.Problems);
        Assert.Contains("entry 3 does not follow the entry before it", result.Problems);
        Assert.Contains(result.Problems, p => p.StartsWith("the incident records 4 entries", StringComparison.Ordinal) && p.Contains("the timeline has 3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_deleted_last_entry_is_found_against_the_head_the_incident_remembers()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);

        await ExecuteAsync(database, "DELETE FROM timeline_entries WHERE sequence = 4");
        var result = await VerifyAsync(database, id);

        Assert.False(result.Valid);
        Assert.Equal(3, result.Entries);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("the incident records 4 entries", problem, StringComparison.Ordinal);
        Assert.Contains("the timeline has 3", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_time_is_found()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var id = await SeedAsync(database);

        // occurred_at holds UTC ticks on SQLite: one second later.
        await ExecuteAsync(database, "UPDATE timeline_entries SET occurred_at = occurred_at + 10000000 WHERE sequence = 3");
        var result = await VerifyAsync(database, id);

        Assert.Equal(["entry 3 was changed after it was written"], result.Problems);
    }

    [Fact]
    public async Task A_time_with_sub_microsecond_ticks_still_verifies_after_a_round_trip()
    {
        using var database = await SqliteDatabase.CreateAsync();
        var at = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.FromHours(7)).AddTicks(1_234_567);
        var id = await SeedAsync(database, firstAt: at);

        var result = await VerifyAsync(database, id);

        Assert.True(result.Valid, string.Join("; ", result.Problems));
        await using var db = database.NewContext();
        var first = await db.TimelineEntries.AsNoTracking().SingleAsync(e => e.IncidentId == id && e.Sequence == 1, Cancel);
        Assert.Equal(at.UtcTicks - 7, first.OccurredAt.UtcTicks);
        Assert.Equal(TimeSpan.Zero, first.OccurredAt.Offset);
    }

    [Fact]
    public void Stored_precision_drops_what_is_below_a_microsecond_and_keeps_the_instant()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 5, 0, TimeSpan.FromHours(7)).AddTicks(1_234_567);

        var stored = TimelineHasher.ToStoredPrecision(at);

        Assert.Equal(at.UtcTicks - 7, stored.UtcTicks);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(stored, TimelineHasher.ToStoredPrecision(stored));
    }
}
