using System.Security.Cryptography;
using System.Text.Json;

namespace IncidentResponse.Host.Backup;

/// <summary>One file of a backup: its name in the backup directory, its size and its SHA-256 (hex).</summary>
public sealed record BackupFile(string Name, long Bytes, string Sha256)
{
    public static async Task<BackupFile> OfAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken);
        return new BackupFile(Path.GetRelativePath(Path.GetDirectoryName(path)!, path), stream.Length, Convert.ToHexStringLower(hash));
    }
}

/// <summary>
/// <c>manifest.json</c> of an embedded backup: when it was taken, from which data directory, and every file
/// (databases, the checkpoint file, the keys when asked for) with its hash, checked again by the restore.
/// </summary>
public sealed record BackupManifest(
    int Format, DateTimeOffset TakenAt, string DataDirectory, IReadOnlyList<BackupFile> Databases,
    BackupFile? CheckpointFile, IReadOnlyList<BackupFile> Keys)
{
    public const string FileName = "manifest.json";

    public const string KeysFolder = "keys";

    public const string CheckpointFileName = "timeline-checkpoints.jsonl";

    /// <summary>Generated secrets of the embedded default, in its data directory (copied only with <c>--with-keys</c>).</summary>
    public static IReadOnlyList<string> KeyFiles { get; } = ["timeline.key", "link-signing.key", "data-protection.pfx"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task WriteAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(this, Json), cancellationToken);
    }

    public static async Task<BackupManifest> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            throw new BackupException($"{path} does not exist: not a backup of this Host's backup command");
        }

        return JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, cancellationToken), Json)
            ?? throw new BackupException($"{path} is empty");
    }
}

/// <summary>A backup or restore that cannot be done, with the reason an operator can act on.</summary>
public sealed class BackupException : Exception
{
    public BackupException()
    {
    }

    public BackupException(string message) : base(message)
    {
    }

    public BackupException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
