using Microsoft.Data.Sqlite;

namespace IncidentResponse.Host.Backup;

/// <summary>
/// An online backup of the embedded default's data directory while Hosts keep running on it: every SQLite file
/// (one per service, <c>escalation-timers.db</c> for Quartz) through SQLite's backup API, from read snapshots
/// that all begin before the first page is copied, so the copies show the services at practically one moment
/// (within the milliseconds the snapshots take to open); the checkpoint file copied before them, so it vouches
/// for nothing the copies lack; the generated keys only when asked.
/// </summary>
public sealed class EmbeddedBackup(string dataDirectory, string checkpointFile, TimeProvider time)
{
    public async Task<BackupManifest> RunAsync(string target, bool withKeys, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(dataDirectory);
        var databases = Directory.Exists(source) ? Directory.GetFiles(source, "*.db").Order(StringComparer.Ordinal).ToList() : [];
        if (databases.Count == 0)
        {
            throw new BackupException($"no SQLite database (*.db) in the data directory {source}: nothing to back up");
        }

        target = Path.GetFullPath(target);
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
        {
            throw new BackupException($"{target} is not empty: back up into a new directory (e.g. one per day)");
        }

        Directory.CreateDirectory(target);
        var takenAt = time.GetUtcNow();
        BackupFile? checkpoint = null;
        if (File.Exists(checkpointFile))
        {
            var copy = Path.Combine(target, BackupManifest.CheckpointFileName);
            await CopyWholeLinesAsync(checkpointFile, copy, cancellationToken);
            checkpoint = await BackupFile.OfAsync(copy, cancellationToken);
        }

        var copied = await CopyDatabasesAsync(databases, target, cancellationToken);
        var keys = new List<BackupFile>();
        if (withKeys)
        {
            var folder = Directory.CreateDirectory(Path.Combine(target, BackupManifest.KeysFolder)).FullName;
            RestrictToOwner(folder, directory: true);
            foreach (var name in BackupManifest.KeyFiles.Where(k => File.Exists(Path.Combine(source, k))))
            {
                var copy = Path.Combine(folder, name);
                await CopyAsync(Path.Combine(source, name), copy, cancellationToken);
                RestrictToOwner(copy, directory: false);
                keys.Add(await BackupFile.OfAsync(copy, cancellationToken));
            }
        }

        var manifest = new BackupManifest(1, takenAt, source, copied, checkpoint, keys);
        await manifest.WriteAsync(target, cancellationToken);
        return manifest;
    }

    /// <summary>
    /// Opens a read transaction on every file first (a snapshot each), then copies them one by one; files that are not
    /// in WAL mode (Quartz's) come first, as their snapshot holds off writers until it ends.
    /// </summary>
    private static async Task<List<BackupFile>> CopyDatabasesAsync(List<string> databases, string target, CancellationToken cancellationToken)
    {
        var sources = new List<(string Path, SqliteConnection Connection, SqliteTransaction Snapshot, bool Wal)>();
        try
        {
            foreach (var path in databases)
            {
                var connection = new SqliteConnection(new SqliteConnectionStringBuilder
                {
                    DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
                }.ToString());
                await connection.OpenAsync(cancellationToken);
                var wal = string.Equals(await ScalarAsync(connection, null, "PRAGMA journal_mode;", cancellationToken), "wal", StringComparison.OrdinalIgnoreCase);
                var snapshot = connection.BeginTransaction(deferred: true);
                sources.Add((path, connection, snapshot, wal));
            }

            // The snapshots begin with their first read, all before any copying.
            foreach (var (_, connection, snapshot, _) in sources)
            {
                await ScalarAsync(connection, snapshot, "SELECT count(*) FROM sqlite_schema;", cancellationToken);
            }

            var copied = new List<BackupFile>();
            foreach (var (path, connection, snapshot, _) in sources.OrderBy(s => s.Wal))
            {
                var copy = Path.Combine(target, Path.GetFileName(path));
                await using (var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = copy, Pooling = false }.ToString()))
                {
                    await destination.OpenAsync(cancellationToken);
                    connection.BackupDatabase(destination);
                    var check = await ScalarAsync(destination, null, "PRAGMA quick_check;", cancellationToken);
                    if (!string.Equals(check, "ok", StringComparison.Ordinal))
                    {
                        throw new BackupException($"the copy of {path} failed SQLite's check: {check}");
                    }
                }

                await snapshot.CommitAsync(cancellationToken);
                copied.Add(await BackupFile.OfAsync(copy, cancellationToken));
            }

            return copied;
        }
        finally
        {
            foreach (var (_, connection, snapshot, _) in sources)
            {
                await snapshot.DisposeAsync();
                await connection.DisposeAsync();
            }
        }
    }

    internal static async Task<string?> ScalarAsync(SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static async Task CopyAsync(string from, string to, CancellationToken cancellationToken)
    {
        await using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        await using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        await source.CopyToAsync(destination, cancellationToken);
        await destination.FlushAsync(cancellationToken);
    }

    /// <summary>The checkpoint file up to its last complete line (a Host may be appending one right now).</summary>
    private static async Task CopyWholeLinesAsync(string from, string to, CancellationToken cancellationToken)
    {
        byte[] bytes;
        await using (var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            using var buffer = new MemoryStream();
            await source.CopyToAsync(buffer, cancellationToken);
            bytes = buffer.ToArray();
        }

        var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        await using var destination = new FileStream(to, FileMode.CreateNew, FileAccess.Write);
        await destination.WriteAsync(bytes.AsMemory(0, end), cancellationToken);
    }

    internal static void RestrictToOwner(string path, bool directory)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | (directory ? UnixFileMode.UserExecute : UnixFileMode.None));
        }
    }
}
