using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.ServiceDefaults.Tests.Data;

/// <summary>
/// A batch's lookups of what its context tracks find added, read and deleted entities as the tracker last knew them,
/// without comparing every tracked entity with its snapshot first (what <c>ChangeTracker.Entries</c> and <c>DbSet.Local</c> do).
/// </summary>
public sealed class TrackedEntitiesTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public TrackedEntitiesTests() => _connection.Open();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tracked_entries_are_listed_without_detecting_a_change_and_the_setting_is_kept()
    {
        await using var db = Context();
        db.InboxEntries.Add(Entry("read"));
        await db.SaveChangesAsync(Cancel);
        var read = await db.InboxEntries.SingleAsync(Cancel);
        db.InboxEntries.Add(Entry("added"));
        read.ProcessedAt = read.ProcessedAt.AddMinutes(1); // not detected yet

        var entries = db.TrackedWithoutDetecting<InboxEntry>();

        Assert.Equal([("added", EntityState.Added), ("read", EntityState.Unchanged)], entries.Select(e => (e.Entity.Consumer, e.State)).Order());
        Assert.True(db.ChangeTracker.AutoDetectChangesEnabled);
        Assert.Equal(EntityState.Modified, db.Entry(read).State); // the save's detection still finds it
    }

    [Fact]
    public async Task The_local_view_leaves_out_what_is_marked_deleted_as_DbSet_Local_does()
    {
        await using var db = Context();
        db.InboxEntries.AddRange(Entry("kept"), Entry("deleted"));
        await db.SaveChangesAsync(Cancel);
        db.InboxEntries.Remove(await db.InboxEntries.SingleAsync(e => e.Consumer == "deleted", Cancel));

        Assert.Equal(["kept"], db.LocalWithoutDetecting<InboxEntry>().Select(e => e.Consumer));
        Assert.Equal(db.InboxEntries.Local.Select(e => e.Consumer), db.LocalWithoutDetecting<InboxEntry>().Select(e => e.Consumer));
    }

    public void Dispose() => _connection.Dispose();

    private static InboxEntry Entry(string consumer) => new() { Consumer = consumer, MessageId = Guid.NewGuid(), ProcessedAt = DateTimeOffset.UnixEpoch };

    private TestContext_ Context()
    {
        var db = new TestContext_(new DbContextOptionsBuilder<TestContext_>().UseSqlite(_connection).Options);
        db.Database.EnsureCreated();
        return db;
    }

#pragma warning disable CA1707 // The underscore keeps it apart from xunit's TestContext.
    private sealed class TestContext_(DbContextOptions<TestContext_> options) : ServiceDbContext(options, "test");
#pragma warning restore CA1707
}
