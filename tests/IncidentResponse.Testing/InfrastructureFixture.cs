using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Npgsql;
using DotNet.Testcontainers.Containers;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;
using Xunit;

namespace IncidentResponse.Testing;

/// <summary>
/// One real RabbitMQ and one real PostgreSQL per test assembly, or per run of <c>test.sh</c>. Test
/// classes isolate themselves with their own virtual host and database. Each container starts when a
/// test first needs it (an assembly that only needs PostgreSQL never starts RabbitMQ). Without a
/// Docker engine this fails loudly: the integration tests are never skipped silently.
/// </summary>
/// <remarks>
/// When <c>IR_TEST_RUN</c> names a run (test.sh sets it), the containers are Testcontainers'
/// reusable containers labelled with that run: the first assembly starts them, later assemblies of
/// the same run find them running, and test.sh removes them when the run ends. The stand-in
/// RabbitMQ takes most of a minute of CPU to boot on a small machine, so this saves that per assembly.
/// </remarks>
public sealed class InfrastructureFixture : IAsyncLifetime
{
    /// <summary>The environment variable that names a run whose assemblies share their containers.</summary>
    public const string SharedRunVariable = "IR_TEST_RUN";

    /// <summary>The label test.sh removes a run's containers by.</summary>
    public const string RunLabel = "incidentresponse.test-run";

    private const int ManagementPort = 15672;
    private const int AmqpPort = 5672;
    private const int PostgresPort = 5432;

    /// <summary>How long one try to start a container and see it ready may take (the stand-in RabbitMQ boots in about a minute).</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    /// <summary>Tries to start a container; all of them stay under the run's ten-minute hang limit.</summary>
    private const int StartTries = 3;
    private static readonly string? SharedRun = Environment.GetEnvironmentVariable(SharedRunVariable) is { Length: > 0 } run ? run : null;
    private readonly HttpClient _management = new();
    private readonly Lazy<Task<RabbitMqContainer>> _rabbitMq;
    private readonly Lazy<Task<PostgreSqlContainer>> _postgres;

    public InfrastructureFixture()
    {
        _rabbitMq = new(StartRabbitMqAsync);
        _postgres = new(() =>
        {
            var builder = new PostgreSqlBuilder(ContainerImages.Postgres).WithCommand("-c", "max_connections=500");
            if (DurablePostgres)
            {
                // Testcontainers passes fsync, synchronous_commit and full_page_writes off; a later -c wins.
                builder = builder.WithCommand(
                    "-c", "fsync=on", "-c", "synchronous_commit=on", "-c", "full_page_writes=on",
                    "-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=top", "-c", "pg_stat_statements.max=10000");
            }

            builder = SharedRun is null ? builder : builder.WithReuse(_ => ReuseName(DurablePostgres ? "postgres-durable" : "postgres")).WithLabel(RunLabel, SharedRun);
            return StartAsync(builder.Build());
        });
    }

    /// <summary>
    /// Hand out the containers' own addresses on Docker's bridge instead of the ports published on the
    /// host, when this machine reaches them (a local engine; a remote one falls back to the published
    /// ports). The benchmarks use it: Docker's userland proxy copies every packet of a published port,
    /// which took 6–10 % of a 2-core machine under the ingest load, and a deployment's services reach
    /// their database and broker without it.
    /// </summary>
    public bool DirectAddresses { get; init; }

    /// <summary>
    /// PostgreSQL as a production server runs it (the benchmarks): fsync, synchronous commit and full
    /// page writes on, and pg_stat_statements loaded. The tests keep Testcontainers' fast defaults.
    /// </summary>
    public bool DurablePostgres { get; init; }

    /// <summary>RabbitMQ's management statistics every second instead of every five (the benchmarks read them after each load).</summary>
    public bool FrequentBrokerStatistics { get; init; }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>The PostgreSQL superuser's connection string to its default database.</summary>
    public async Task<string> AdminPostgresAsync()
    {
        var postgres = await _postgres.Value;
        var admin = new NpgsqlConnectionStringBuilder(postgres.GetConnectionString());
        (admin.Host, admin.Port) = await AddressAsync(postgres, PostgresPort, admin.Host!, admin.Port);
        return admin.ConnectionString;
    }

    /// <summary>The Docker ids of the broker and the database container (their CPU time is in the engine's cgroups).</summary>
    public async Task<(string RabbitMq, string Postgres)> ContainerIdsAsync() => ((await _rabbitMq.Value).Id, (await _postgres.Value).Id);

    /// <summary>Runs a command in the PostgreSQL container; returns its standard output.</summary>
    public async Task<string> ExecInPostgresAsync(params string[] command)
    {
        var result = await (await _postgres.Value).ExecAsync(command);
        return result.Stdout;
    }

    /// <summary>Starts both containers side by side now, instead of each when first asked for (the benchmarks need both at once).</summary>
    public Task StartContainersAsync() => Task.WhenAll(_rabbitMq.Value, _postgres.Value);

    public async ValueTask DisposeAsync()
    {
        _management.Dispose();
        if (SharedRun is not null)
        {
            return; // the next assembly of the run uses them; test.sh removes them at the end
        }

        if (_rabbitMq.IsValueCreated && _rabbitMq.Value.IsCompletedSuccessfully)
        {
            await (await _rabbitMq.Value).DisposeAsync();
        }

        if (_postgres.IsValueCreated && _postgres.Value.IsCompletedSuccessfully)
        {
            await (await _postgres.Value).DisposeAsync();
        }
    }

    /// <summary>A fresh virtual host for one test class; returns the broker address that uses it.</summary>
    public async Task<Uri> CreateVirtualHostAsync(string name)
    {
        var rabbitMq = await _rabbitMq.Value;
        using (var created = await _management.PutAsync(new Uri($"vhosts/{Uri.EscapeDataString(name)}", UriKind.Relative), null))
        {
            created.EnsureSuccessStatusCode();
        }

        using var permissions = new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json");
        var server = new Uri(rabbitMq.GetConnectionString());
        var user = server.UserInfo.Split(':')[0];
        var (host, port) = await AddressAsync(rabbitMq, AmqpPort, server.Host, server.Port);
        using (var granted = await _management.PutAsync(new Uri($"permissions/{Uri.EscapeDataString(name)}/{user}", UriKind.Relative), permissions))
        {
            granted.EnsureSuccessStatusCode();
        }

        return new Uri($"amqp://{server.UserInfo}@{host}:{port}/{Uri.EscapeDataString(name)}");
    }

    /// <summary>Names of the queues that exist in a virtual host.</summary>
    public async Task<IReadOnlyList<string>> QueueNamesAsync(string virtualHost)
    {
        await _rabbitMq.Value;
        var json = await _management.GetStringAsync(new Uri($"queues/{Uri.EscapeDataString(virtualHost)}?columns=name", UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(q => q.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>The queues of a virtual host named <c>…_error</c> (MassTransit's fault path) that hold messages, with their counts.</summary>
    public async Task<IReadOnlyDictionary<string, long>> ErrorQueueMessagesAsync(string virtualHost)
    {
        await _rabbitMq.Value;
        var json = await _management.GetStringAsync(new Uri($"queues/{Uri.EscapeDataString(virtualHost)}?columns=name,messages", UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray()
            .Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) && q.Messages > 0)
            .ToDictionary(q => q.Name, q => q.Messages);
    }

    /// <summary>How many messages have been published into a virtual host so far (the broker's own counter).</summary>
    public async Task<long> MessagesPublishedAsync(string virtualHost)
    {
        await _rabbitMq.Value;
        var json = await _management.GetStringAsync(new Uri($"vhosts/{Uri.EscapeDataString(virtualHost)}", UriKind.Relative));
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var published)
            ? published.GetInt64()
            : 0;
    }

    /// <summary>A GET of RabbitMQ's management API (<c>vhosts/…</c>, <c>queues/…</c>): its JSON.</summary>
    /// <remarks>The management plugin answers 500 now and then while its stats database catches up (a busy 2-core machine
    /// saw it once a few hundred runs); a server error is asked again, up to five times, a second apart.</remarks>
    public async Task<string> ManagementGetAsync(string relative)
    {
        await _rabbitMq.Value;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await _management.GetAsync(new Uri(relative, UriKind.Relative));
            if ((int)response.StatusCode < 500 || attempt == 5)
            {
                response.EnsureSuccessStatusCode();
                return await response.Content.ReadAsStringAsync();
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>A fresh database for one test class; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        var postgres = await _postgres.Value;
        await using (var connection = new NpgsqlConnection(postgres.GetConnectionString()))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var created = new NpgsqlConnectionStringBuilder(postgres.GetConnectionString()) { Database = name };
        (created.Host, created.Port) = await AddressAsync(postgres, PostgresPort, created.Host!, created.Port);
        return created.ConnectionString;
    }

    /// <summary>The container's bridge address when <see cref="DirectAddresses"/> asks for it and it answers; else the published one.</summary>
    private async Task<(string Host, int Port)> AddressAsync(IContainer container, int port, string publishedHost, int publishedPort)
    {
        if (!DirectAddresses || string.IsNullOrEmpty(container.IpAddress))
        {
            return (publishedHost, publishedPort);
        }

        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(container.IpAddress, port).WaitAsync(TimeSpan.FromSeconds(2));
            return (container.IpAddress, port);
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return (publishedHost, publishedPort);
        }
    }

    private async Task<RabbitMqContainer> StartRabbitMqAsync()
    {
        var builder = new RabbitMqBuilder(ContainerImages.RabbitMq).WithPortBinding(ManagementPort, assignRandomHostPort: true);
        if (FrequentBrokerStatistics)
        {
            builder = builder.WithEnvironment("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-rabbit collect_statistics_interval 1000");
        }

        builder = SharedRun is null ? builder : builder.WithReuse(_ => ReuseName("rabbitmq")).WithLabel(RunLabel, SharedRun);
        var container = await StartAsync(builder.Build());
        _management.BaseAddress = new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(ManagementPort)}/api/");
        _management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(new Uri(container.GetConnectionString()).UserInfo))));
        await WaitForManagementAsync();
        return container;
    }

    /// <summary>In a shared run, a container is found again by this name (and labelled for test.sh to remove).</summary>
    private static string ReuseName(string service) => $"incidentresponse-test-{SharedRun}-{service}";

    private static async Task<T> StartAsync<T>(T container)
        where T : IContainer
    {
        // Docker's answers are awaited without a limit of their own, and under a full run's load one did not come: a
        // test sat ten minutes in its first use of PostgreSQL until the hang detector stopped the whole assembly (CI,
        // 2026-12-07, Triage and Escalation alike). Each try to start (or find, in a shared run) the container and see it
        // ready is bounded, and made again.
        // Assemblies of one run may start together: one at a time finds or creates the container (its own wait, up to
        // eight minutes, is not part of a try's time).
        using var turn = SharedRun is null ? null : await RunLock.TakeAsync(SharedRun);
        for (var attempt = 1; ; attempt++)
        {
            using var bound = new CancellationTokenSource(StartTimeout);
            try
            {
                await container.StartAsync(bound.Token);
                return container;
            }
            catch (Exception) when (bound.IsCancellationRequested && attempt < StartTries)
            {
                // A readiness check cut short comes out as a TimeoutException, a Docker call as an OperationCanceledException.
            }
            catch (Exception ex)
            {
                var cause = bound.IsCancellationRequested ? $"no answer from Docker within {StartTimeout.TotalSeconds:0} s, {attempt} times" : ex.Message;
                throw new InvalidOperationException(
                    "The integration tests need a Docker engine and the RabbitMQ/PostgreSQL images " +
                    $"({ContainerImages.RabbitMq}, {ContainerImages.Postgres}). Run ./test.sh, which sets both up. Cause: {cause}", ex);
            }
        }
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
