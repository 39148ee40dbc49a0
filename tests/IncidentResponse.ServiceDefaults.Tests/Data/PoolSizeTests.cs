using IncidentResponse.ServiceDefaults.Data;
using Npgsql;

namespace IncidentResponse.ServiceDefaults.Tests.Data;

/// <summary>Each service's PostgreSQL pool is bounded by Database:MaxPoolSize unless its connection string says otherwise (review M7).</summary>
public sealed class PoolSizeTests
{
    private static int PoolOf(string? connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;

    [Fact]
    public void Every_service_string_gets_the_configured_bound_and_keeps_everything_else()
    {
        var options = new DatabaseOptions
        {
            ConnectionString = "Host=db;Database=ir;Username=incidentresponse;Password='p;w=1'",
            ConnectionStrings = { ["intake"] = "Host=db;Database=ir;Username=ir_intake;Password=secret" },
        };

        Assert.Equal(25, PoolOf(options.PostgresConnectionString("intake")));
        Assert.Equal(25, PoolOf(options.PostgresConnectionString("triage")));
        var intake = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString("intake"));
        Assert.Equal(("db", "ir", "ir_intake", "secret"), (intake.Host, intake.Database, intake.Username, intake.Password));
        Assert.Equal("p;w=1", new NpgsqlConnectionStringBuilder(options.PostgresConnectionString("triage")).Password);

        options.MaxPoolSize = 40;
        Assert.Equal(40, PoolOf(options.PostgresConnectionString("intake")));
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=7")]
    [InlineData("Host=db;maximum pool size=7")]
    [InlineData("Host=db;MaxPoolSize=7")]
    public void A_string_that_sets_its_own_pool_size_keeps_it(string connectionString) =>
        Assert.Equal(7, PoolOf(new DatabaseOptions { ConnectionString = connectionString }.PostgresConnectionString("intake")));

    [Fact]
    public void Zero_leaves_Npgsqls_own_default_and_no_string_stays_none()
    {
        Assert.Equal(100, PoolOf(new DatabaseOptions { ConnectionString = "Host=db", MaxPoolSize = 0 }.PostgresConnectionString("intake")));
        Assert.Null(new DatabaseOptions().PostgresConnectionString("intake"));
    }
}
