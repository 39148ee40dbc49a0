using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace IncidentResponse.Testing;

/// <summary>
/// One real RabbitMQ and one real PostgreSQL per test assembly. Test classes isolate themselves
/// with their own virtual host and database. Without a Docker engine this fails loudly: the
/// integration tests are never skipped silently.
/// </summary>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    private const int ManagementPort = 15672;
    private readonly HttpClient _management = new();

    public RabbitMqContainer RabbitMq { get; } = new RabbitMqBuilder(ContainerImages.RabbitMq)
        .WithPortBinding(ManagementPort, assignRandomHostPort: true)
        .Build();

    public PostgreSqlContainer Postgres { get; } = new PostgreSqlBuilder(ContainerImages.Postgres)
        .WithCommand("-c", "max_connections=300")
        .Build();

    public async ValueTask InitializeAsync()
    {
        try
        {
            await Task.WhenAll(RabbitMq.StartAsync(), Postgres.StartAsync());
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "The integration tests need a Docker engine and the RabbitMQ/PostgreSQL images " +
                $"({ContainerImages.RabbitMq}, {ContainerImages.Postgres}). Run ./test.sh, which sets both up. Cause: {ex.Message}", ex);
        }

        _management.BaseAddress = new Uri($"http://{RabbitMq.Hostname}:{RabbitMq.GetMappedPublicPort(ManagementPort)}/api/");
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(new Uri(RabbitMq.GetConnectionString()).UserInfo))));
    }

    public async ValueTask DisposeAsync()
    {
        _management.Dispose();
        await Task.WhenAll(RabbitMq.DisposeAsync().AsTask(), Postgres.DisposeAsync().AsTask());
    }

    /// <summary>A fresh virtual host for one test class; returns the broker address that uses it.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string name)
    {
        await WaitForManagementAsync();
        using (var created = await _management.PutAsync(new Uri($"vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative), null))
        {
            created.EnsureSuccessStatusCode();
        }

        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        var server = new Uri(RabbitMq.GetConnectionString());
        var user = server.UserInfo.Split(':')[0];
        using (var granted = await _management.PutAsync(new Uri($"permissions/{Uri.EscapeDataString(name)}/{user}", UriKind.Relative), permissions))
        {
            granted.EnsureSuccessStatusCode();
        }

        return new Uri($"amqp://{server.UserInfo}@{server.Host}:{server.Port}/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Names of the queues that exist in a virtual host.</summary>
    public async Task<IReadOnlyList<string>> QueueNamesAsync(string virtualHost)
    {
        var json = await _management.GetStringAsync(new Uri($"queues/{Uri.EscapeDataString(virtualHost)}?columns=name", UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(q => q.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>A fresh database for one test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using (var connection = new NpgsqlConnection(Postgres.GetConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(Postgres.GetConnectionString()) { Database = name }.ConnectionString;
    }

    private async Task WaitForManagementAsync()
    {
        // The management plugin starts a moment after AMQP is accepted.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await _management.GetAsync(new Uri("overview", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 60)
            {
            }

            if (attempt >= 60)
            {
                throw new InvalidOperationException("RabbitMQ management API did not answer within 30 s");
            }

            await Task.Delay(500);
        }
    }
}
