using Microsoft.Data.Sqlite;

namespace IncidentResponse.Host.Backup;

/// <summary>
/// Puts an embedded backup into a data directory that holds no database yet (a new machine, or the old
/// directory moved aside), with no Host running on it: every file is checked against the manifest's hash and
/// by SQLite before anything is copied. The checkpoint file and the keys are copied only where none exist; a
/// key that exists with other bytes stops the restore, as the restored data would not verify under it.
/// </summary>
public sealed class EmbeddedRestore(string dataDirectory, string checkpointFile)
{
    public async Task<BackupManifest> RunAsync(string backup, CancellationToken cancellationToken)
    {
        backup = Path.GetFullPath(backup);
        var manifest = await BackupManifest.ReadAsync(backup, cancellationToken);
        var target = Path.GetFullPath(dataDirectory);
        if (Directory.Exists(target) && Directory.EnumerateFiles(target).Any(f => f.EndsWith(".db", StringComparison.Ordinal)
            || f.EndsWith(".db-wal", StringComparison.Ordinal) || f.EndsWith(".db-shm", StringComparison.Ordinal)))
        {
            throw new BackupException($"the data directory {target} already holds databases: stop its Hosts and move it aside, then restore into an empty one");
        }

        foreach (var file in manifest.Databases)
        {
            var path = await CheckedAsync(backup, file, cancellationToken);
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            var check = await EmbeddedBackup.ScalarAsync(connection, null, "PRAGMA integrity_check;", cancellationToken);
            if (!string.Equals(check, "ok", StringComparison.Ordinal))
            {
                throw new BackupException($"{path} fails SQLite's integrity check: {check}");
            }
        }

        var keys = new List<(string From, string To)>();
        foreach (var key in manifest.Keys)
        {
            var from = await CheckedAsync(backup, key with { Name = Path.Combine(BackupManifest.KeysFolder, key.Name) }, cancellationToken);
            var to = Path.Combine(target, key.Name);
            if (!File.Exists(to))
            {
                keys.Add((from, to));
            }
            else if (!SameBytes(await File.ReadAllBytesAsync(from, cancellationToken), await File.ReadAllBytesAsync(to, cancellationToken)))
            {
                throw new BackupException($"{to} exists and differs from the backup's {key.Name}: the restored data would not verify under it; move it aside or restore the matching key");
            }
        }

        Directory.CreateDirectory(target);
        foreach (var file in manifest.Databases)
        {
            await PlaceAsync(Path.Combine(backup, file.Name), Path.Combine(target, file.Name), cancellationToken);
        }

        foreach (var (from, to) in keys)
        {
            await PlaceAsync(from, to, cancellationToken);
            EmbeddedBackup.RestrictToOwner(to, directory: false);
        }

        if (manifest.CheckpointFile is { } checkpoint && !File.Exists(checkpointFile))
        {
            var from = await CheckedAsync(backup, checkpoint, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(checkpointFile)!);
            await PlaceAsync(from, checkpointFile, cancellationToken);
        }

        return manifest;
    }

    private static bool SameBytes(byte[] one, byte[] other) => one.AsSpan().SequenceEqual(other);

    /// <summary>The file's path in the backup, once its size and hash are those the manifest recorded.</summary>
    private static async Task<string> CheckedAsync(string backup, BackupFile file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(backup, file.Name);
        if (!File.Exists(path))
        {
            throw new BackupException($"{path} is missing from the backup");
        }

        var found = await BackupFile.OfAsync(path, cancellationToken);
        if (found.Bytes != file.Bytes || !string.Equals(found.Sha256, file.Sha256, StringComparison.Ordinal))
        {
            throw new BackupException($"{path} is not the file the backup wrote (size or SHA-256 differs)");
        }

        return path;
    }

    /// <summary>Copies under a temporary name, then renames: a restore cut short leaves no half database under its name.</summary>
    private static async Task PlaceAsync(string from, string to, CancellationToken cancellationToken)
    {
        var temporary = to + ".restoring";
        File.Delete(temporary);
        await EmbeddedBackup.CopyAsync(from, temporary, cancellationToken);
        File.Move(temporary, to);
    }
}
