using IncidentResponse.Contracts.Notifications;
using IncidentResponse.Contracts.Vocabulary;
using IncidentResponse.Notifications.Deliveries;
using IncidentResponse.Notifications.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace IncidentResponse.Notifications.Tests.Deliveries;

/// <summary>
/// The dispatcher claims a batch in one statement and records its completions together: attempt rows, final states,
/// one <see cref="NotificationsDelivered"/> for the delivered and one <see cref="NotificationFailed"/> per failure. A
/// recipient that does not answer holds one slot of the dispatch window, not the notices claimed after it.
/// </summary>
public abstract class DispatchTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected abstract Task<PipelineWorld> WorldAsync(TimeSpan? lease = null);

    /// <summary>Waits until every claim in <paramref name="notifications"/> has run out, and a little more.</summary>
    protected static async Task UntilLeasesRanOutAsync(IEnumerable<Notification> notifications)
    {
        var left = notifications.Max(n => n.ClaimedUntil!.Value) - TimeProvider.System.GetUtcNow();
        await Task.Delay((left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromMilliseconds(300), Cancel);
    }

    [Fact]
    public async Task A_dispatch_batch_records_its_completions_in_one_commit_with_one_delivered_message_and_one_failed_message_per_failure()
    {
        await using var world = await WorldAsync();
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var before = await world.NotificationsAsync(incident.IncidentId);
        var refused = before.First(n => n.UnitCode == "vncert");
        world.Sender.Refuse = System.Text.Json.JsonDocument.Parse(refused.Destinations).RootElement.EnumerateArray()
            .Select(c => c.GetProperty("address").GetString()).First();
        world.Work.Reset();

        Assert.Equal(before.Count, await world.DispatchAsync());
        var work = (world.Work.Transactions, world.Work.Messages);

        var after = await world.NotificationsAsync(incident.IncidentId);
        Assert.Equal(NotificationStatus.Failed, after.Single(n => n.Id == refused.Id).Status);
        Assert.All(after.Where(n => n.Id != refused.Id), n => Assert.Equal((NotificationStatus.Delivered, (string?)null, (DateTimeOffset?)null), (n.Status, n.ClaimedBy, n.ClaimedUntil)));
        var attempts = await world.WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().ToListAsync(Cancel));
        Assert.All(after, n => Assert.Equal(n.AttemptCount, attempts.Count(a => a.NotificationId == n.Id)));
        Assert.All(attempts, a => Assert.Equal(1, a.Sequence - attempts.Where(b => b.NotificationId == a.NotificationId && b.Sequence < a.Sequence).Count()));
        var outbox = (await world.OutboxAsync()).Where(m => m.Type.StartsWith("Notification", StringComparison.Ordinal)).ToList();
        var delivered = Assert.Single(outbox, m => m.Type == nameof(NotificationsDelivered));
        Assert.Equal(before.Count - 1, delivered.Body.Split("\"notificationId\"").Length - 1);
        var failed = Assert.Single(outbox, m => m.Type == nameof(NotificationFailed));
        Assert.Contains(refused.Id.ToString(), failed.Body, StringComparison.Ordinal);
        Assert.True(work.Transactions <= 3, $"{work}"); // claim, incidents as now, completions
        Assert.Equal(2, work.Messages);
    }

    [Fact]
    public async Task A_recipient_that_does_not_answer_holds_one_slot_and_new_notices_are_sent_meanwhile()
    {
        await using var world = await WorldAsync();
        var first = PipelineWorld.NewIncident();
        await world.DeliverAsync(first);
        var firstNotices = await world.NotificationsAsync(first.IncidentId);
        world.Sender.HeldNotification = firstNotices.First(n => n.UnitCode == "vncert").Id;

        var dispatching = world.DispatchAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(world.Sender.Sent.Count), sent => sent == firstNotices.Count - 1, TimeSpan.FromSeconds(10), "the others of the first incident sent");

        // A second incident is routed while one send of the first still waits for its recipient.
        var second = PipelineWorld.NewIncident();
        await world.DeliverAsync(second);
        var secondNotices = await world.NotificationsAsync(second.IncidentId);
        await Eventually.MatchesAsync(() => Task.FromResult(world.Sender.Sent.Count), sent => sent == firstNotices.Count - 1 + secondNotices.Count,
            TimeSpan.FromSeconds(10), "the second incident's notices sent while the first's recipient is held");
        Assert.False(dispatching.IsCompleted);

        world.Sender.Hold.SetResult();
        Assert.Equal(firstNotices.Count + secondNotices.Count, await dispatching);
        var after = (await world.NotificationsAsync(first.IncidentId)).Concat(await world.NotificationsAsync(second.IncidentId)).ToList();
        Assert.All(after, n => Assert.Equal((NotificationStatus.Delivered, (string?)null), (n.Status, n.ClaimedBy)));
    }

    [Fact]
    public async Task A_notification_changed_while_it_was_sent_is_recorded_on_its_fresh_row_and_the_others_as_claimed()
    {
        await using var world = await WorldAsync();
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var notices = await world.NotificationsAsync(incident.IncidentId);
        var held = notices.First(n => n.UnitCode == "vncert");
        world.Sender.HeldNotification = held.Id;
        world.Sender.Delay = TimeSpan.FromMilliseconds(50);

        var dispatching = world.DispatchAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(world.Sender.Sent.Count), sent => sent == notices.Count - 1, TimeSpan.FromSeconds(10), "the others sent");
        // Changed by someone else while its send waits (still pending and this Host's): the version taken at the claim no longer holds.
        var claimedVersion = await world.WithDbAsync(db => db.Notifications.Where(n => n.Id == held.Id).Select(n => n.Version).SingleAsync(Cancel));
        await world.WithDbAsync(db => db.Notifications.Where(n => n.Id == held.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.Version, n => n.Version + 5), Cancel));
        world.Sender.Hold.SetResult();
        await dispatching;

        var after = await world.NotificationsAsync(incident.IncidentId);
        var attempts = await world.WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().ToListAsync(Cancel));
        Assert.All(after, n => Assert.Equal((NotificationStatus.Delivered, (string?)null, 1), (n.Status, n.ClaimedBy, n.AttemptCount)));
        Assert.All(after, n => Assert.Single(attempts, a => a.NotificationId == n.Id));
        Assert.Equal(claimedVersion + 6, after.Single(n => n.Id == held.Id).Version);
        Assert.All(after.Where(n => n.Id != held.Id), n => Assert.NotNull(n.CompletedAt));
    }

    [Fact]
    public async Task Notices_handed_over_and_taken_only_after_their_lease_ran_out_are_sent_once()
    {
        // The dispatcher is held up (as during a broker outage in the chaos runs) while the routing batch's claims run out:
        // its pass then has the handed-over notices in memory and finds the same rows claimable in the database.
        await using var world = await WorldAsync(TimeSpan.FromSeconds(2));
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var notices = await world.NotificationsAsync(incident.IncidentId);
        Assert.All(notices, n => Assert.NotNull(n.ClaimedBy));
        await UntilLeasesRanOutAsync(notices);

        Assert.Equal(notices.Count, await world.DispatchAsync());

        var sent = world.Sender.Sent.Select(s => s.NotificationId).ToList();
        Assert.True(sent.Count == sent.Distinct().Count(), $"sent twice: {string.Join(", ", sent.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key))}");
        Assert.Equal(notices.Select(n => n.Id).Order(), sent.Order());
        var attempts = await world.WithDbAsync(db => db.DeliveryAttempts.AsNoTracking().ToListAsync(Cancel));
        Assert.All(await world.NotificationsAsync(incident.IncidentId), n =>
        {
            Assert.Equal((NotificationStatus.Delivered, (string?)null, 1), (n.Status, n.ClaimedBy, n.AttemptCount));
            Assert.Single(attempts, a => a.NotificationId == n.Id);
        });
    }

    [Fact]
    public async Task Notices_handed_over_whose_rows_were_claimed_elsewhere_once_their_lease_ran_out_are_not_sent_from_memory()
    {
        await using var world = await WorldAsync(TimeSpan.FromSeconds(2));
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var notices = await world.NotificationsAsync(incident.IncidentId);
        await UntilLeasesRanOutAsync(notices);
        // Another Host's dispatcher claims the rows (as its claim statement does) and is sending them.
        var elsewhere = TimeProvider.System.GetUtcNow() + TimeSpan.FromMinutes(5);
        await world.WithDbAsync(db => db.Notifications.Where(n => n.IncidentId == incident.IncidentId)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ClaimedBy, "other-host/1").SetProperty(n => n.ClaimedUntil, elsewhere).SetProperty(n => n.Version, n => n.Version + 1), Cancel));

        Assert.Equal(0, await world.DispatchAsync());

        Assert.Empty(world.Sender.Sent);
        Assert.All(await world.NotificationsAsync(incident.IncidentId), n => Assert.Equal((NotificationStatus.Pending, "other-host/1"), (n.Status, n.ClaimedBy)));
    }

    [Fact]
    public async Task A_notice_whose_send_outlasts_its_lease_is_not_sent_again_by_the_pass_that_claims_it_again()
    {
        // A pass called directly runs no renewer: the held send's claim runs out while it waits, as when the renewer cannot
        // reach the database, and the pass's next claim (one poll interval later) takes the row again.
        await using var world = await WorldAsync(TimeSpan.FromSeconds(1));
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var notices = await world.NotificationsAsync(incident.IncidentId);
        var held = notices.First(n => n.UnitCode == "vncert");
        world.Sender.HeldNotification = held.Id;

        var dispatching = world.DispatchAsync();
        await Eventually.MatchesAsync(() => Task.FromResult(world.Sender.Sent.Count), sent => sent == notices.Count - 1, TimeSpan.FromSeconds(10), "the others sent");
        var claimedVersion = await world.WithDbAsync(db => db.Notifications.Where(n => n.Id == held.Id).Select(n => n.Version).SingleAsync(Cancel));
        await Eventually.MatchesAsync(() => world.WithDbAsync(db => db.Notifications.Where(n => n.Id == held.Id).Select(n => n.Version).SingleAsync(Cancel)),
            version => version > claimedVersion, TimeSpan.FromSeconds(15), "the held notice claimed again by the pass once its lease ran out");
        world.Sender.Hold.SetResult();

        Assert.Equal(notices.Count, await dispatching);
        Assert.Single(world.Sender.Sent, s => s.NotificationId == held.Id);
        var after = await world.NotificationsAsync(incident.IncidentId);
        Assert.All(after, n => Assert.Equal((NotificationStatus.Delivered, 1), (n.Status, n.AttemptCount)));
    }

    [Fact]
    public async Task A_second_dispatch_finds_nothing_to_send_and_sends_nothing_again()
    {
        await using var world = await WorldAsync();
        await world.DeliverAsync(PipelineWorld.NewIncident());
        var sent = await world.DispatchAsync();

        Assert.Equal(0, await world.DispatchAsync());

        Assert.Equal(sent, world.Sender.Sent.Count);
    }

    [Fact]
    public async Task A_notice_sent_while_its_incident_is_unchanged_is_recorded_as_it_was_written()
    {
        await using var world = await WorldAsync();
        var incident = PipelineWorld.NewIncident();
        await world.DeliverAsync(incident);
        var written = (await world.NotificationsAsync(incident.IncidentId)).ToDictionary(n => n.Id, n => n.Notice);

        await world.DispatchAsync();

        var after = await world.NotificationsAsync(incident.IncidentId);
        Assert.All(after, n => Assert.Equal(NotificationStatus.Delivered, n.Status));
        Assert.All(after, n => Assert.Equal(written[n.Id], n.Notice));
    }
}

public sealed class SqliteDispatchTests : DispatchTests
{
    protected override Task<PipelineWorld> WorldAsync(TimeSpan? lease = null) => PipelineWorld.SqliteAsync(lease);
}

public sealed class PostgresDispatchTests(InfrastructureFixture infrastructure) : DispatchTests, IClassFixture<InfrastructureFixture>
{
    protected override async Task<PipelineWorld> WorldAsync(TimeSpan? lease = null) =>
        await PipelineWorld.PostgresAsync(await infrastructure.CreateDatabaseAsync("dispatch_" + Guid.NewGuid().ToString("N")[..12]), lease: lease);

    [Fact]
    public async Task Notices_handed_over_whose_lease_ran_out_and_another_Host_sent_are_not_sent_again_by_the_Host_they_were_handed_to()
    {
        var database = await infrastructure.CreateDatabaseAsync("late_" + Guid.NewGuid().ToString("N")[..12]);
        var lease = TimeSpan.FromSeconds(2);
        await using var held = await PipelineWorld.PostgresAsync(database, "host-a", lease);
        await using var other = await PipelineWorld.PostgresAsync(database, "host-b", lease);
        var states = Enumerable.Range(0, 3).Select(_ => PipelineWorld.NewIncident()).ToArray();
        var ids = states.Select(s => s.IncidentId).ToList();
        await held.DeliverAsync(states); // routed by host-a and handed to its dispatcher, which is held up
        var notices = await held.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken));
        await UntilLeasesRanOutAsync(notices);

        Assert.Equal(notices.Count, await other.DispatchAsync()); // host-b takes the rows whose claims ran out
        Assert.Equal(0, await held.DispatchAsync()); // host-a's pass finds its hand-over taken by another

        Assert.Empty(held.Sender.Sent);
        Assert.Equal(notices.Select(n => n.Id).Order(), other.Sender.Sent.Select(s => s.NotificationId).Order());
        Assert.All(await held.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken)),
            n => Assert.Equal((NotificationStatus.Delivered, 1), (n.Status, n.AttemptCount)));
    }

    [Fact]
    public async Task Notices_a_Host_committed_claimed_for_itself_and_never_sent_are_sent_by_another_Host_once_the_lease_ran_out()
    {
        var database = await infrastructure.CreateDatabaseAsync("handover_" + Guid.NewGuid().ToString("N")[..12]);
        var lease = TimeSpan.FromSeconds(8); // long enough that starting the second Host cannot outlast it on a loaded machine
        var states = Enumerable.Range(0, 3).Select(_ => PipelineWorld.NewIncident()).ToArray();
        var ids = states.Select(s => s.IncidentId).ToList();
        DateTimeOffset leaseEnds;
        await using (var dead = await PipelineWorld.PostgresAsync(database, "host-a", lease))
        {
            await dead.DeliverAsync(states); // routed and committed, handed to a dispatcher that never runs: the Host dies
            var claimed = await dead.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken));
            Assert.All(claimed, n => Assert.StartsWith("host-a/", n.ClaimedBy, StringComparison.Ordinal));
            leaseEnds = claimed.Max(n => n.ClaimedUntil!.Value);
        }

        await using var other = await PipelineWorld.PostgresAsync(database, "host-b", lease);
        var pending = await other.WithDbAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.IncidentId), TestContext.Current.CancellationToken));
        Assert.Equal(0, await other.DispatchAsync()); // the dead Host's lease still runs
        var untilEnd = leaseEnds - TimeProvider.System.GetUtcNow();
        await Task.Delay((untilEnd > TimeSpan.Zero ? untilEnd : TimeSpan.Zero) + TimeSpan.FromMilliseconds(300), TestContext.Current.CancellationToken);

        Assert.Equal(pending, await other.DispatchAsync());
        Assert.Equal(pending, other.Sender.Sent.Select(s => s.NotificationId).Distinct().Count());
        Assert.Equal(pending, other.Sender.Sent.Count);
        Assert.All(await other.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken)),
            n => Assert.Equal(NotificationStatus.Delivered, n.Status));
    }

    [Fact]
    public async Task Renewing_the_leases_skips_a_notification_another_transaction_has_locked_instead_of_waiting_for_it()
    {
        // A renewal that waited for a row a completion had locked, while the completion waited for one the renewal had,
        // deadlocked: PostgreSQL ended one after a second (40P01) and the dispatch round failed (seen in the benchmark).
        var database = await infrastructure.CreateDatabaseAsync("renew_" + Guid.NewGuid().ToString("N")[..12]);
        await using var world = await PipelineWorld.PostgresAsync(database, "host-a", TimeSpan.FromSeconds(30));
        var states = Enumerable.Range(0, 3).Select(_ => PipelineWorld.NewIncident()).ToArray();
        var ids = states.Select(s => s.IncidentId).ToList();
        await world.DeliverAsync(states); // routed, claimed by host-a and handed to its dispatcher, not sent
        var notices = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken));
        var locked = notices[0];

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
        await using (var lockRow = new NpgsqlCommand("SELECT 1 FROM notifications.notifications WHERE id = @id FOR UPDATE", connection, transaction))
        {
            lockRow.Parameters.AddWithValue("id", locked.Id);
            await lockRow.ExecuteScalarAsync(TestContext.Current.CancellationToken);
        }

        var renewed = await world.InScopeAsync(sp => sp.GetRequiredService<NotificationDispatcher>().RenewClaimsAsync(TimeSpan.FromMinutes(10), TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await transaction.RollbackAsync(TestContext.Current.CancellationToken);

        Assert.Equal(notices.Count - 1, renewed);
        var after = await world.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken));
        Assert.Equal(locked.ClaimedUntil, after.Single(n => n.Id == locked.Id).ClaimedUntil);
        Assert.All(after.Where(n => n.Id != locked.Id), n => Assert.True(n.ClaimedUntil > locked.ClaimedUntil + TimeSpan.FromMinutes(5), $"{n.Id} renewed to {n.ClaimedUntil}"));
    }

    [Fact]
    public async Task Two_dispatchers_claiming_the_same_database_at_once_never_send_one_notification_twice()
    {
        var database = await infrastructure.CreateDatabaseAsync("claim_" + Guid.NewGuid().ToString("N")[..12]);
        await using var first = await PipelineWorld.PostgresAsync(database, "host-a");
        await using var second = await PipelineWorld.PostgresAsync(database, "host-b");
        var states = Enumerable.Range(0, 12).Select(_ => PipelineWorld.NewIncident()).ToArray();
        await first.DeliverAsync(states);
        var ids = states.Select(s => s.IncidentId).ToList();
        var pending = await first.WithDbAsync(db => db.Notifications.CountAsync(n => ids.Contains(n.IncidentId), TestContext.Current.CancellationToken));

        (first.Sender.Delay, second.Sender.Delay) = (TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)); // the claims overlap in time
        var sent = await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { first.DispatchAsync(), second.DispatchAsync() }));

        var all = first.Sender.Sent.Concat(second.Sender.Sent).Select(s => s.NotificationId).ToList();
        Assert.True(all.Count == all.Distinct().Count(), $"sent twice: {string.Join(", ", all.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key))}");
        Assert.Equal(pending, all.Count);
        Assert.Equal(pending, sent.Sum());
        // Which Host sends how many is up to the scheduler (one pass may drain everything before the other
        // claims): the property is that together they sent each notification exactly once.
        Assert.All(await first.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).ToListAsync(TestContext.Current.CancellationToken)),
            n => Assert.Equal(NotificationStatus.Delivered, n.Status));
    }
}
