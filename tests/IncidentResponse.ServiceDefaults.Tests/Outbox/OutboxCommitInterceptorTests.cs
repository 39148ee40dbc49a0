using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace IncidentResponse.ServiceDefaults.Tests.Outbox;

/// <summary>
/// What a commit hands to this Host's relay: only rows saved claimed by this Host. A row saved before the relay
/// attached is left to the poll, even when the relay attaches before the commit (CI once published such a row twice:
/// once handed over, once polled).
/// </summary>
public sealed class OutboxCommitInterceptorTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly OutboxSignal _signal = new(TimeProvider.System);
    private readonly HostIdentity _identity = new("interceptor-test");

    public OutboxCommitInterceptorTests() => _connection.Open();

    [Fact]
    public async Task A_row_saved_before_the_relay_attached_and_committed_after_is_left_to_the_poll()
    {
        await using var db = Context();
        await using (var transaction = await db.Database.BeginTransactionAsync(TestContext.Current.CancellationToken))
        {
            db.PublishAfterCommit(Answer(), TimeProvider.System.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            _signal.Attach(typeof(TestContext_));
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Empty(_signal.Take(typeof(TestContext_), 10));
        var row = Assert.Single(await db.OutboxMessages.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Null(row.ClaimedBy);
    }

    [Fact]
    public async Task A_row_saved_once_the_relay_attached_is_claimed_by_this_Host_and_handed_over_once()
    {
        await using var db = Context();
        _signal.Attach(typeof(TestContext_));
        db.PublishAfterCommit(Answer(), TimeProvider.System.GetUtcNow());
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var handed = Assert.Single(_signal.Take(typeof(TestContext_), 10));
        Assert.Equal(_identity.ClaimOwner, handed.Row.ClaimedBy);
        var row = Assert.Single(await db.OutboxMessages.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(_identity.ClaimOwner, row.ClaimedBy);
        Assert.Empty(_signal.Take(typeof(TestContext_), 10));
    }

    public void Dispose()
    {
        _signal.Dispose();
        _connection.Dispose();
    }

    private static PipelineProbeAnswered Answer() => new(Guid.NewGuid(), "test", "test", TimeProvider.System.GetUtcNow());

    private TestContext_ Context()
    {
        var interceptor = new OutboxCommitInterceptor(_signal, _identity, Options.Create(new OutboxOptions()), TimeProvider.System);
        var db = new TestContext_(new DbContextOptionsBuilder<TestContext_>().UseSqlite(_connection).AddInterceptors(interceptor).Options);
        db.Database.EnsureCreated();
        return db;
    }

#pragma warning disable CA1707 // The underscore keeps it apart from xunit's TestContext.
    private sealed class TestContext_(DbContextOptions<TestContext_> options) : ServiceDbContext(options, "test");
#pragma warning restore CA1707
}
