using IncidentResponse.Testing;
using IncidentResponse.Triage.Data;
using IncidentResponse.Triage.Register;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace IncidentResponse.Triage.Tests.Register;

/// <summary>
/// The migration from one row per term to one row per incident moves every incident's terms: an incident indexed by the
/// earlier version is found by the same words afterwards, and new terms are added to its row.
/// </summary>
public sealed class SearchRowMigrationTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Terms_of_the_earlier_index_are_found_after_the_migration_on_SQLite()
    {
        using var database = await SqliteDatabase.CreateAsync();
        await MovedAsync(() => database.NewContext(), "incident_search_terms");
    }

    [Fact]
    public async Task Terms_of_the_earlier_index_are_found_after_the_migration_on_PostgreSQL()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-search-row");
        await MovedAsync(() => database.NewContext(), "triage.incident_search_terms");
    }

    private static async Task MovedAsync(Func<TriageDbContext> newContext, string oldTable)
    {
        var incident = await TestIncidents.OpenAsync(newContext);
        await using (var db = newContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("RegisterIndex", Cancel); // back to one row per term
#pragma warning disable EF1002 // the table name is the test's own constant
            await db.Database.ExecuteSqlRawAsync(
                $"DELETE FROM {oldTable}; INSERT INTO {oldTable} (incident_id, term) VALUES ({{0}}, 'ca'), ({{0}}, 'mau'), ({{0}}, '203.0.113.10'), ({{0}}, 'vnpt-bn')",
                [incident.Id], Cancel);
#pragma warning restore EF1002
            await db.GetService<IMigrator>().MigrateAsync(null, Cancel);
        }

        Assert.Equal([incident.Id], await FindAsync(newContext, "Cà Mau"));
        Assert.Equal([incident.Id], await FindAsync(newContext, "203.0.113 vnpt"));
        Assert.Empty(await FindAsync(newContext, "mau 198.51"));

        await using (var db = newContext())
        {
            await db.AddTermsAsync(new Dictionary<Guid, ISet<string>> { [incident.Id] = new HashSet<string> { "198.51.100.7", "mau" } }, Cancel);
            await db.SaveChangesAsync(Cancel);
            var row = await db.Search.AsNoTracking().SingleAsync(s => s.IncidentId == incident.Id, Cancel);
            Assert.Equal(["198.51.100.7", "203.0.113.10", "ca", "mau", "vnpt-bn"], row.TermSet().Order(StringComparer.Ordinal));
        }

        Assert.Equal([incident.Id], await FindAsync(newContext, "mau 198.51"));
    }

    private static async Task<List<Guid>> FindAsync(Func<TriageDbContext> newContext, string q)
    {
        var (filter, errors) = new RegisterQuery { Q = q, Status = "all" }.Parse();
        Assert.Empty(errors);
        await using var db = newContext();
        return await filter!.Apply(db, db.Incidents.AsNoTracking()).Select(i => i.Id).ToListAsync(Cancel);
    }
}
