using IncidentResponse.Testing;
using IncidentResponse.Triage.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace IncidentResponse.Triage.Tests.Data;

/// <summary>On PostgreSQL a service's context prepares the statements it runs again and again.</summary>
public sealed class PreparedStatementsTests(InfrastructureFixture infrastructure) : IClassFixture<InfrastructureFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_query_run_repeatedly_on_a_connection_is_prepared_by_the_server()
    {
        var database = await PostgresDatabase.CreateAsync(infrastructure, "triage-prepared");
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync(Cancel);
        var number = "none";
        for (var i = 0; i < 6; i++)
        {
            Assert.Empty(await db.Incidents.Where(x => x.Number == number).ToListAsync(Cancel));
        }

        var prepared = await db.Database
            .SqlQueryRaw<string>("SELECT statement AS \"Value\" FROM pg_prepared_statements")
            .ToListAsync(Cancel);
        Assert.Contains(prepared, s => s.Contains("FROM triage.incidents", StringComparison.Ordinal));
    }
}
