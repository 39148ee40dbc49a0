using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Volumes;
using IncidentResponse.Testing;
using Npgsql;
using Testcontainers.PostgreSql;

namespace IncidentResponse.Chaos.Tests;

/// <summary>
/// PostgreSQL servers of a restore drill, all sharing one backup volume (<c>/backup</c>) and the scripts of
/// infra/backup (<c>/opt/ir-backup</c>): the primary archives its WAL there with <c>archive-wal.sh</c> and is
/// backed up with <c>backup.sh</c>; a fresh server is prepared by <c>restore.sh</c> before it first starts.
/// </summary>
internal sealed class ArchivingPostgres : IAsyncDisposable
{
    private const int Port = 5432;
    private const string User = "postgres";
    private const string Password = "drill-password";
    private const string Database = "incidents";
    private readonly IVolume _backups;
    private readonly List<PostgreSqlContainer> _servers = [];

    private ArchivingPostgres(IVolume backups) => _backups = backups;

    public static async Task<ArchivingPostgres> CreateAsync(CancellationToken cancellationToken)
    {
        var volume = new VolumeBuilder().WithName(TestNames.Unique("ir-backup")).WithLabel(Labels()).Build();
        await volume.CreateAsync(cancellationToken);
        return new ArchivingPostgres(volume);
    }

    /// <summary>Starts the primary, archiving every WAL file into <c>/backup/wal</c>; returns its connection string.</summary>
    public async Task<PostgreSqlContainer> StartPrimaryAsync(CancellationToken cancellationToken)
    {
        // The volume starts owned by root: the archive's directories are given to the server's user first.
        var server = Builder()
            .WithEntrypoint("bash", "-c", "install -d -o postgres -g postgres /backup/wal /backup/base && exec docker-entrypoint.sh \"$@\"", "archiving")
            .WithCommand("-c", "archive_mode=on", "-c", "archive_command=/opt/ir-backup/archive-wal.sh %p %f /backup/wal")
            .Build();
        await StartAsync(server, cancellationToken);
        return server;
    }

    /// <summary>Starts a fresh server whose data directory <c>restore.sh</c> prepares up to <paramref name="target"/>; returns once it accepts connections.</summary>
    public async Task<PostgreSqlContainer> StartRestoredAsync(DateTimeOffset target, CancellationToken cancellationToken)
    {
        var time = target.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var server = Builder()
            .WithEntrypoint("bash", "-c",
                $"/opt/ir-backup/restore.sh --dir /backup --pgdata \"$PGDATA\" --target-time {time} --no-archiving && exec docker-entrypoint.sh \"$@\"", "restore")
            .Build();
        await StartAsync(server, cancellationToken);
        return server;
    }

    /// <summary>Runs <c>backup.sh</c> in <paramref name="server"/> (over its local socket); returns its output.</summary>
    public static async Task<string> BaseBackupAsync(PostgreSqlContainer server, CancellationToken cancellationToken)
    {
        var result = await server.ExecAsync(["env", "PGHOST=/var/run/postgresql", $"PGUSER={User}", "/opt/ir-backup/backup.sh", "--dir", "/backup", "--keep", "2"], cancellationToken);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"backup.sh exited {result.ExitCode}: {result.Stderr}{result.Stdout}");
        }

        return result.Stderr + result.Stdout;
    }

    /// <summary>Closes the current WAL file and waits until the archiver has stored it.</summary>
    public static async Task ArchiveCurrentWalAsync(PostgreSqlContainer server, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(Address(server));
        await connection.OpenAsync(cancellationToken);
        await using var switching = new NpgsqlCommand("SELECT pg_walfile_name(pg_switch_wal())", connection);
        var segment = (string)(await switching.ExecuteScalarAsync(cancellationToken))!;
        await using var archived = new NpgsqlCommand("SELECT coalesce(last_archived_wal, '') FROM pg_stat_archiver", connection);
        var deadline = TimeProvider.System.GetUtcNow().AddSeconds(60);
        while (string.CompareOrdinal((string)(await archived.ExecuteScalarAsync(cancellationToken))!, segment) < 0)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"WAL file {segment} was not archived within 60 s");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>The connection string of <paramref name="server"/> on its published port.</summary>
    public static string Address(PostgreSqlContainer server) =>
        new NpgsqlConnectionStringBuilder(server.GetConnectionString()) { Host = "127.0.0.1", Port = server.GetMappedPublicPort(Port) }.ConnectionString;

    /// <summary>Removes a server for good (the lost primary); the backup volume stays.</summary>
    public async Task RemoveAsync(PostgreSqlContainer server)
    {
        _servers.Remove(server);
        await server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        await _backups.DisposeAsync();
    }

    private PostgreSqlBuilder Builder()
    {
        var builder = new PostgreSqlBuilder(ContainerImages.Postgres)
            .WithUsername(User).WithPassword(Password).WithDatabase(Database)
            .WithPortBinding(Port, assignRandomHostPort: true)
            .WithLabel(Labels())
            .WithVolumeMount(_backups, "/backup")
            // Full-page writes as in production (Testcontainers turns them off); the drill restores torn-page-free.
            .WithCommand("-c", "full_page_writes=on");
        var executable = UnixFileModes.UserRead | UnixFileModes.UserWrite | UnixFileModes.UserExecute
            | UnixFileModes.GroupRead | UnixFileModes.GroupExecute | UnixFileModes.OtherRead | UnixFileModes.OtherExecute;
        foreach (var script in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "backup"), "*.sh"))
        {
            builder = builder.WithResourceMapping(File.ReadAllBytes(script), "/opt/ir-backup/" + Path.GetFileName(script), fileMode: executable);
        }

        return builder;
    }

    private async Task StartAsync(PostgreSqlContainer server, CancellationToken cancellationToken)
    {
        _servers.Add(server);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await server.StartAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var (stdout, stderr) = await server.GetLogsAsync(ct: CancellationToken.None);
            throw new TimeoutException($"PostgreSQL did not accept connections within 2 minutes:\n{stdout}{stderr}");
        }
    }

    /// <summary>In a run of test.sh, the run's label: test.sh removes the container even if this process dies.</summary>
    private static Dictionary<string, string> Labels() =>
        Environment.GetEnvironmentVariable(InfrastructureFixture.SharedRunVariable) is { Length: > 0 } run
            ? new() { [InfrastructureFixture.RunLabel] = run }
            : [];
}
