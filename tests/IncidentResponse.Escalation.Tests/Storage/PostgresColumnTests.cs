using IncidentResponse.Escalation.Chains;
using IncidentResponse.Escalation.Data;
using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Testing;
using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Escalation.Tests.Storage;

/// <summary>
/// On PostgreSQL, which holds every column to its length, what a step records fits however many targets
/// the policy gives it: a step that cannot be stored never fires, and its engagement is never paged.
/// </summary>
public sealed class PostgresColumnTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    [Fact]
    public async Task A_step_naming_two_hundred_targets_is_recorded_whole()
    {
        var cancel = TestContext.Current.CancellationToken;
        var connection = await infrastructure.CreateDatabaseAsync(TestNames.Unique("escalation-columns"));
        var options = new DbContextOptionsBuilder<PostgresEscalationDbContext>();
        options.UseServiceProvider(DatabaseProvider.Postgres, connection, EscalationDbContext.SchemaName);
        var targets = Enumerable.Range(1, 200).Select(i => new { kind = "person", id = $"truc-ban-don-vi-{i:D3}" }).ToList();
        var detail = System.Text.Json.JsonSerializer.Serialize(new { targets, skipped = Array.Empty<string>() });
        Assert.True(detail.Length > 4000, $"the detail is {detail.Length} characters");
        var step = new FiredStep
        {
            Id = NewId.NextGuid(),
            ChainId = NewId.NextGuid(),
            Round = 1,
            Step = 1,
            DueAt = TimeProvider.System.GetUtcNow(),
            FiredAt = TimeProvider.System.GetUtcNow(),
            Outcome = "paged",
            Detail = detail,
            FiredBy = "test",
        };

        await using (var db = new PostgresEscalationDbContext(options.Options))
        {
            await db.Database.MigrateAsync(cancel);
            db.FiredSteps.Add(step);
            await db.SaveChangesAsync(cancel);
        }

        await using (var db = new PostgresEscalationDbContext(options.Options))
        {
            Assert.Equal(detail, (await db.FiredSteps.SingleAsync(s => s.Id == step.Id, cancel)).Detail);
        }
    }
}
