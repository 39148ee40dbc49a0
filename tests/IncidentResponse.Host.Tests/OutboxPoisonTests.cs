using IncidentResponse.Contracts.Diagnostics;
using IncidentResponse.Intake.Data;
using IncidentResponse.ServiceDefaults.Diagnostics;
using IncidentResponse.ServiceDefaults.Outbox;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// Finding M2 / test T8: an outbox row that cannot be published never holds up the rows batched with
/// it, and is quarantined after a few attempts; and (claims of a dead Host) a restarted Host takes back
/// at once what its previous life had claimed.
/// </summary>
public sealed class OutboxPoisonTests(InfrastructureFixture infrastructure)
{
    private const string ApiKey = "outbox-tests-bootstrap-key-0123456789";

    [Fact]
    public async Task An_unknown_type_row_beside_a_good_one_does_not_block_it_and_is_quarantined_and_shown_on_RabbitMQ_and_PostgreSQL()
    {
        var name = TestNames.Unique("poison");
        await PoisonIsolatedAsync(new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name)));
    }

    [Fact]
    public async Task An_unknown_type_row_beside_a_good_one_does_not_block_it_and_is_quarantined_and_shown_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        await PoisonIsolatedAsync(new EmbeddedDeployment(data.Path));
    }

    [Fact]
    public async Task A_restarted_Host_releases_the_claims_of_its_previous_life_at_once_but_not_another_Hosts_on_PostgreSQL()
    {
        var name = TestNames.Unique("claims");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), await infrastructure.CreateDatabaseAsync(name));
        var (ours, theirs) = await ClaimedRowsAsync(deployment, "host-a@10.0.0.1:8080/previous-instance", "host-b@10.0.0.2:8080/its-instance");

        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings("host-a@10.0.0.1:8080"), customization: PipelineSmokeTests.Collecting(answers));

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == ours.ProbeId)), n => n == 1, TimeSpan.FromSeconds(10), "the row claimed by this Host's previous life");
        var theirRow = await OutboxRowAsync(host, theirs.Id);
        Assert.Equal("host-b@10.0.0.2:8080/its-instance", theirRow!.ClaimedBy);
        Assert.DoesNotContain(answers.Received, a => a.ProbeId == theirs.ProbeId);
        Assert.Equal("host-a@10.0.0.1:8080", host.Services.GetRequiredService<HostIdentity>().StableName);
    }

    [Fact]
    public async Task A_restarted_Host_releases_every_claim_at_once_on_the_embedded_default()
    {
        using var data = new TempDirectory();
        var deployment = new EmbeddedDeployment(data.Path);
        var (ours, other) = await ClaimedRowsAsync(deployment, "laptop@localhost:5000/previous-instance", "renamed@localhost:5000/older-instance");

        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings("laptop@localhost:5000"), customization: PipelineSmokeTests.Collecting(answers));

        await Eventually.MatchesAsync(
            () => Task.FromResult(answers.Received.Count(a => a.ProbeId == ours.ProbeId || a.ProbeId == other.ProbeId)),
            n => n == 2, TimeSpan.FromSeconds(10), "both claimed rows published");
    }

    private static async Task PoisonIsolatedAsync(TestDeployment deployment)
    {
        var poisonId = NewId.NextGuid();
        var good = new PipelineProbeAnswered(Guid.NewGuid(), "intake", "poison-test", TimeProvider.System.GetUtcNow());
        await WithStoppedHostAsync(deployment, db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            db.OutboxMessages.Add(new OutboxMessage { Id = poisonId, MessageType = "IncidentResponse.Contracts.Notifications.NoSuchMessage", Body = "{}", CreatedAt = now.AddMinutes(-2) });
            db.PublishAfterCommit(good, now.AddMinutes(-1));
        });

        var answers = new ProbeAnswers();
        await using var host = await TestHost.StartAsync(deployment, roles: "intake", settings: Settings(null), customization: PipelineSmokeTests.Collecting(answers));

        await Eventually.MatchesAsync(() => Task.FromResult(answers.Received.Count(a => a.ProbeId == good.ProbeId)), n => n == 1, TimeSpan.FromSeconds(10), "the good neighbour published");
        var poison = await Eventually.MatchesAsync(() => OutboxRowAsync(host, poisonId), r => r?.QuarantinedAt is not null, TimeSpan.FromSeconds(20), "the bad row quarantined");
        Assert.Equal(3, poison!.Attempts);
        Assert.Contains("NoSuchMessage", poison.LastError, StringComparison.Ordinal);

        var api = new ApiClient(host.Http, ApiKey);
        var item = await api.GetJsonAsync($"/api/v1/parked-work/{poisonId}");
        Assert.Equal("outbox", item.GetProperty("kind").GetString());
        Assert.Equal("quarantined", item.GetProperty("state").GetString());
        Assert.Equal("intake", item.GetProperty("database").GetString());
        var quarantinedAgain = await OutboxRowAsync(host, poisonId);
        Assert.Equal(3, quarantinedAgain!.Attempts);
    }

    private static Dictionary<string, string> Settings(string? stableName)
    {
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Outbox:MaxAttempts"] = "3",
            ["Outbox:FailedRetryDelay"] = "00:00:00.200",
        };
        if (stableName is not null)
        {
            settings["HostIdentity:StableName"] = stableName;
        }

        return settings;
    }

    /// <summary>Two rows claimed for an hour: one by <paramref name="ourClaim"/>, one by <paramref name="otherClaim"/>.</summary>
    private static async Task<((Guid Id, Guid ProbeId) Ours, (Guid Id, Guid ProbeId) Other)> ClaimedRowsAsync(TestDeployment deployment, string ourClaim, string otherClaim)
    {
        var ours = (Id: NewId.NextGuid(), ProbeId: Guid.NewGuid());
        var other = (Id: NewId.NextGuid(), ProbeId: Guid.NewGuid());
        await WithStoppedHostAsync(deployment, db =>
        {
            var now = TimeProvider.System.GetUtcNow();
            foreach (var (row, claim) in new[] { (ours, ourClaim), (other, otherClaim) })
            {
                db.OutboxMessages.Add(new OutboxMessage
                {
                    Id = row.Id,
                    MessageType = typeof(PipelineProbeAnswered).FullName!,
                    Body = OutboxSerializer.Serialize(new PipelineProbeAnswered(row.ProbeId, "intake", "claims-test", now)),
                    CreatedAt = now,
                    ClaimedBy = claim,
                    ClaimedUntil = now.AddHours(1),
                });
            }
        });
        return (ours, other);
    }

    /// <summary>Writes to intake's outbox with no relay running (a Host started, stopped, its store used).</summary>
    private static async Task WithStoppedHostAsync(TestDeployment deployment, Action<IntakeDbContext> write)
    {
        await using var first = await TestHost.StartAsync(deployment, roles: "intake", settings: new Dictionary<string, string> { ["Outbox:PollInterval"] = "01:00:00", ["Bootstrap:ApiKey"] = ApiKey });
        await first.App.StopAsync(TestContext.Current.CancellationToken);
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        write(db);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<OutboxMessage?> OutboxRowAsync(TestHost host, Guid id)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntakeDbContext>();
        return await db.OutboxMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id);
    }
}
