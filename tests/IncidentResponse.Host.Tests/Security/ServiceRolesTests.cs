using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Host.Tests.Security;

/// <summary>On PostgreSQL each service connects with its own role, which owns its schema and reads no other.</summary>
public sealed class ServiceRolesTests(InfrastructureFixture infrastructure)
{
    private const string ApiKey = "service-roles-test-key-0123456789abcdef";
    private static readonly string[] Schemas = ["access", "intake", "triage", "notifications", "escalation", "web"];

    [Fact]
    public async Task A_Host_runs_on_per_service_roles_and_the_intake_role_cannot_read_the_api_keys()
    {
        var name = TestNames.Unique("svcroles");
        var admin = await infrastructure.CreateDatabaseAsync(name);
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(name), admin);
        // Roles belong to the whole PostgreSQL server, which other test classes share: a suffix of this test's own.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var own = Schemas.ToDictionary(s => s, s => RoleConnection(admin, $"ir_{s}_{suffix}"));
        var settings = new Dictionary<string, string>
        {
            ["Bootstrap:ApiKey"] = ApiKey,
            ["Database:CreateServiceRoles"] = "true",
        };
        foreach (var (schema, connection) in own)
        {
            settings[$"Database:ConnectionStrings:{schema}"] = connection;
        }

        await using (var host = await TestHost.StartAsync(deployment, settings: settings))
        {
            var api = new ApiClient(host.Http, ApiKey);
            var reportId = await api.SubmitReportAsync(SampleReports.Ddos("Cổng vai trò riêng"));
            var incident = await api.IncidentOfReportAsync(reportId);
            await api.WaitUntilNotifiedAsync(incident.GetProperty("id").GetGuid(), timeout: TimeSpan.FromSeconds(60));
        }

        var denied = await Assert.ThrowsAsync<PostgresException>(() => CountAsync(own["intake"], "SELECT count(*) FROM access.api_keys"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, denied.SqlState);
        Assert.True(await CountAsync(own["access"], "SELECT count(*) FROM access.api_keys") >= 1);
        Assert.True(await CountAsync(own["intake"], "SELECT count(*) FROM intake.reports") == 1);
        // Quartz's tables are the escalation role's.
        Assert.Equal(0, await CountAsync(admin,
            $"SELECT count(*) FROM pg_tables WHERE schemaname = 'escalation' AND tableowner <> 'ir_escalation_{suffix}'"));
        Assert.True(await CountAsync(admin, "SELECT count(*) FROM pg_tables WHERE schemaname = 'escalation' AND tablename LIKE 'qrtz%'") > 0);
        foreach (var schema in Schemas)
        {
            Assert.Equal($"ir_{schema}_{suffix}", await OwnerAsync(admin, schema));
        }
    }

    private static string RoleConnection(string admin, string role) =>
        new NpgsqlConnectionStringBuilder(admin) { Username = role, Password = "pw-" + role }.ConnectionString;

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> OwnerAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = $1", connection);
        command.Parameters.AddWithValue(schema);
        return (string)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }
}
