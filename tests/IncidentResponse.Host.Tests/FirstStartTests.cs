using IncidentResponse.Testing;
using Microsoft.Extensions.Logging;

namespace IncidentResponse.Host.Tests;

/// <summary>
/// A first start on an empty data directory is a normal event: the Host comes up ready without writing a
/// single error to its log (operators watch for those), also while load balancers poll it as it migrates.
/// </summary>
public sealed class FirstStartTests(InfrastructureFixture infrastructure)
{
    [Fact]
    public async Task A_first_start_on_an_empty_data_directory_logs_no_error()
    {
        using var data = new TempDirectory();
        using var errors = new RecordedLog(LogLevel.Error);
        var customization = new HostCustomization { ConfigureBuilder = builder => builder.Logging.AddProvider(errors) };

        await using var host = await TestHost.StartAsync(new EmbeddedDeployment(data.Path), customization: customization);

        Assert.True(errors.Entries.IsEmpty, string.Join("\n", errors.Entries));
    }

    [Fact]
    public async Task A_first_start_on_an_empty_PostgreSQL_database_and_RabbitMQ_virtual_host_logs_no_error()
    {
        var unique = TestNames.Unique("first-start");
        var deployment = new DistributedDeployment(await infrastructure.CreateVirtualHostAsync(unique), await infrastructure.CreateDatabaseAsync(unique));
        using var errors = new RecordedLog(LogLevel.Error);
        var customization = new HostCustomization { ConfigureBuilder = builder => builder.Logging.AddProvider(errors) };

        await using var host = await TestHost.StartAsync(deployment, customization: customization);

        Assert.True(errors.Entries.IsEmpty, string.Join("\n", errors.Entries));
    }
}
