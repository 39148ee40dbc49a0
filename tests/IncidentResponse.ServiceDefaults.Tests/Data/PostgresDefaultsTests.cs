using IncidentResponse.ServiceDefaults.Data;
using Npgsql;

namespace IncidentResponse.ServiceDefaults.Tests.Data;

/// <summary>The Npgsql settings added to a PostgreSQL connection string, and an operator's own values kept.</summary>
public sealed class PostgresDefaultsTests
{
    [Fact]
    public void A_connection_string_without_them_gets_prepared_statements_and_no_reset_on_close()
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseProviderConfiguration.WithPostgresDefaults("Host=db;Database=ir;Username=ir;Password=secret"));

        Assert.Equal(DatabaseProviderConfiguration.AutoPreparedStatements, tuned.MaxAutoPrepare);
        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(("db", "ir", "ir", "secret"), (tuned.Host, tuned.Database, tuned.Username, tuned.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0;No Reset On Close=false")]
    [InlineData("Host=db;maxautoprepare=0;NoResetOnClose=false")]
    public void An_operator_who_sets_them_keeps_their_values(string connectionString)
    {
        var tuned = new NpgsqlConnectionStringBuilder(DatabaseProviderConfiguration.WithPostgresDefaults(connectionString));

        Assert.Equal(0, tuned.MaxAutoPrepare);
        Assert.False(tuned.NoResetOnClose);
    }
}
