using IncidentResponse.Testing;
using Npgsql;

namespace IncidentResponse.Benchmarks.Work;

/// <summary>
/// What PostgreSQL itself says about durability at the start of a run (<c>SHOW</c>), and the file system
/// its data directory is on (a tmpfs would make fsync free). Durable only when fsync and synchronous_commit
/// are both on.
/// </summary>
public sealed record Durability(string Fsync, string SynchronousCommit, string FullPageWrites, string DataDirectory, string FileSystem, string Version)
{
    public bool Durable => Fsync == "on" && SynchronousCommit == "on";

    public bool OnTmpfs => FileSystem.Contains("tmpfs", StringComparison.OrdinalIgnoreCase);

    public static async Task<Durability> CheckAsync(InfrastructureFixture infrastructure)
    {
        ArgumentNullException.ThrowIfNull(infrastructure);
        await using var connection = new NpgsqlConnection(await infrastructure.AdminPostgresAsync());
        await connection.OpenAsync();
        async Task<string> Show(string setting)
        {
#pragma warning disable CA2100 // constant setting names
            await using var command = new NpgsqlCommand($"SHOW {setting}", connection);
#pragma warning restore CA2100
            return (string)(await command.ExecuteScalarAsync())!;
        }

        var directory = await Show("data_directory");
        // stat -f names the file system type of the directory inside the container (ext2/ext3, overlayfs, tmpfs …).
        var fileSystem = (await infrastructure.ExecInPostgresAsync("stat", "-f", "-c", "%T", directory)).Trim();
        return new Durability(await Show("fsync"), await Show("synchronous_commit"), await Show("full_page_writes"), directory,
            fileSystem.Length == 0 ? "unknown" : fileSystem, await Show("server_version"));
    }

    public override string ToString() =>
        $"PostgreSQL {Version}: fsync={Fsync}, synchronous_commit={SynchronousCommit}, full_page_writes={FullPageWrites}, data directory {DataDirectory} on {FileSystem}"
        + (Durable && !OnTmpfs ? " (durable)" : " (NOT durable)");
}
