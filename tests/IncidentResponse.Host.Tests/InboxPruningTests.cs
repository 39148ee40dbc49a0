using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Messaging.Redelivery;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IncidentResponse.Host.Tests;

/// <summary>Finding L (inbox never purged): entries older than the retention go, recent ones stay.</summary>
public sealed class InboxPruningTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task Inbox_entries_older_than_the_retention_are_deleted_and_recent_ones_kept_on_PostgreSQL()
    {
        var name = TestNames.Unique("inbox");
        await PrunesAsync(new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)));
    }

    [Fact]
    public async Task Inbox_entries_older_than_the_retention_are_deleted_and_recent_ones_kept_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        await PrunesAsync(new EmbeddedDeployment(data.Path));
    }

    private static async Task PrunesAsync(TestDeployment deployment)
    {
        await using var host = await TestHost.StartAsync(deployment, roles: "intake");
        var now = TimeProvider.System.GetUtcNow();
        var (old, recent) = (Guid.NewGuid(), Guid.NewGuid());
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
            db.InboxEntries.Add(new InboxEntry { Consumer = "pruning-test", MessageId = old, ProcessedAt = now.AddDays(-8) });
            db.InboxEntries.Add(new InboxEntry { Consumer = "pruning-test", MessageId = recent, ProcessedAt = now.AddDays(-6) });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var pruner = host.Services.GetServices<IHostedService>().OfType<InboxPruner>().Single();
        await pruner.PruneAsync(TestContext.Current.CancellationToken);

        await using var read = host.Services.CreateAsyncScope();
        var kept = await read.ServiceProvider.GetRequiredService<IntakeDbContext>().InboxEntries
            .Where(e => e.Consumer == "pruning-test").Select(e => e.MessageId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([recent], kept);
    }
}
