using IncidentResponse.Host.Backup;
using IncidentResponse.Testing;
using Microsoft.Data.Sqlite;

namespace IncidentResponse.Host.Tests.Backup;

/// <summary>The embedded default's backup and restore commands on SQLite files (the drill with a running Host is in Chaos.Tests).</summary>
public sealed class EmbeddedBackupTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_copies_every_database_with_its_rows_and_the_restore_puts_them_into_an_empty_data_directory()
    {
        using var data = new TempDirectory();
        using var target = new TempDirectory();
        using var restored = new TempDirectory();
        await CreateAsync(Path.Combine(data.Path, "intake.db"), rows: 3);
        await CreateAsync(Path.Combine(data.Path, "escalation-timers.db"), rows: 2, wal: false);
        var backup = Path.Combine(target.Path, "b");

        var manifest = await new EmbeddedBackup(data.Path, Path.Combine(data.Path, "none.jsonl"), TimeProvider.System).RunAsync(backup, withKeys: false, Cancel);
        await new EmbeddedRestore(restored.Path, Path.Combine(restored.Path, "timeline-checkpoints.jsonl")).RunAsync(backup, Cancel);

        Assert.Equal(["escalation-timers.db", "intake.db"], manifest.Databases.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, await CountAsync(Path.Combine(restored.Path, "intake.db")));
        Assert.Equal(2, await CountAsync(Path.Combine(restored.Path, "escalation-timers.db")));
    }

    [Fact]
    public async Task A_restore_refuses_a_backup_whose_file_changed_after_it_was_written_and_copies_nothing()
    {
        using var data = new TempDirectory();
        using var target = new TempDirectory();
        using var restored = new TempDirectory();
        await CreateAsync(Path.Combine(data.Path, "intake.db"), rows: 3);
        await CreateAsync(Path.Combine(data.Path, "triage.db"), rows: 3);
        var backup = Path.Combine(target.Path, "b");
        await new EmbeddedBackup(data.Path, Path.Combine(data.Path, "none.jsonl"), TimeProvider.System).RunAsync(backup, withKeys: false, Cancel);
        await using (var changed = new FileStream(Path.Combine(backup, "triage.db"), FileMode.Open, FileAccess.Write))
        {
            changed.Seek(-1, SeekOrigin.End);
            changed.WriteByte(0x5a);
        }

        var refused = await Assert.ThrowsAsync<BackupException>(() =>
            new EmbeddedRestore(restored.Path, Path.Combine(restored.Path, "timeline-checkpoints.jsonl")).RunAsync(backup, Cancel));

        Assert.Contains("triage.db", refused.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(restored.Path));
    }

    [Fact]
    public async Task A_restore_refuses_a_data_directory_whose_timeline_key_differs_from_the_backups()
    {
        using var data = new TempDirectory();
        using var target = new TempDirectory();
        using var restored = new TempDirectory();
        await CreateAsync(Path.Combine(data.Path, "triage.db"), rows: 1);
        await File.WriteAllTextAsync(Path.Combine(data.Path, "timeline.key"), "a2V5LW9uZQ==", Cancel);
        await File.WriteAllTextAsync(Path.Combine(restored.Path, "timeline.key"), "a2V5LXR3bw==", Cancel);
        var backup = Path.Combine(target.Path, "b");
        var manifest = await new EmbeddedBackup(data.Path, Path.Combine(data.Path, "none.jsonl"), TimeProvider.System).RunAsync(backup, withKeys: true, Cancel);

        var refused = await Assert.ThrowsAsync<BackupException>(() =>
            new EmbeddedRestore(restored.Path, Path.Combine(restored.Path, "timeline-checkpoints.jsonl")).RunAsync(backup, Cancel));

        Assert.Equal(["timeline.key"], manifest.Keys.Select(k => k.Name));
        Assert.Contains("timeline.key", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(restored.Path, "triage.db")));
    }

    private static async Task CreateAsync(string path, int rows, bool wal = true)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = (wal ? "PRAGMA journal_mode=WAL; " : "") + "CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
            + string.Concat(Enumerable.Range(1, rows).Select(i => $"INSERT INTO items (name) VALUES ('item {i}');"));
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private static async Task<long> CountAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(Cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM items";
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
