using IncidentResponse.ServiceDefaults.Data;
using IncidentResponse.Triage.Timeline.Sealing;

namespace IncidentResponse.Host.Backup;

/// <summary>
/// The Host's <c>backup &lt;directory&gt; [--with-keys]</c> and <c>restore &lt;directory&gt;</c> commands for the
/// embedded default, configured like the Host (appsettings, environment, <c>--Database:DataDirectory=…</c>).
/// A PostgreSQL deployment is backed up with infra/backup instead. Exit codes: 0 done, 1 failed, 2 usage.
/// </summary>
public static class BackupCommand
{
    private const string WithKeys = "--with-keys";

    public static bool Handles(string[] args) =>
        args is [var verb, ..] && (string.Equals(verb, "backup", StringComparison.OrdinalIgnoreCase) || string.Equals(verb, "restore", StringComparison.OrdinalIgnoreCase));

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var backup = string.Equals(args[0], "backup", StringComparison.OrdinalIgnoreCase);
        if (args.Length < 2 || args[1].StartsWith('-'))
        {
            await error.WriteLineAsync(backup
                ? "Cách dùng / usage: IncidentResponse.Host backup <thư mục mới / new directory> [--with-keys]"
                : "Cách dùng / usage: IncidentResponse.Host restore <thư mục sao lưu / backup directory>");
            return 2;
        }

        var withKeys = args.Skip(2).Contains(WithKeys, StringComparer.OrdinalIgnoreCase);
        var configuration = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. args.Skip(2).Where(a => !string.Equals(a, WithKeys, StringComparison.OrdinalIgnoreCase))],
            ContentRootPath = AppContext.BaseDirectory,
        }).Configuration;
        var database = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            await error.WriteLineAsync("Lệnh này chỉ dành cho bản nhúng (SQLite) / this command is for the embedded default (SQLite): "
                + "back up PostgreSQL with infra/backup/backup.sh (runbooks/operations/backup-and-restore.md)");
            return 2;
        }

        var checkpointFile = (configuration.GetSection(TimelineCheckpointOptions.Section).Get<TimelineCheckpointOptions>() ?? new TimelineCheckpointOptions())
            .FilePath(database.DataDirectory);
        try
        {
            if (backup)
            {
                var manifest = await new EmbeddedBackup(database.DataDirectory, checkpointFile, TimeProvider.System).RunAsync(args[1], withKeys, cancellationToken);
                await output.WriteLineAsync($"Đã sao lưu / backed up {manifest.Databases.Count} database(s) of {manifest.DataDirectory} into {Path.GetFullPath(args[1])}: "
                    + string.Join(", ", manifest.Databases.Select(d => d.Name))
                    + (manifest.CheckpointFile is null ? "" : ", the timeline checkpoints")
                    + (withKeys ? $", {manifest.Keys.Count} key file(s) in {BackupManifest.KeysFolder}/ (keep this backup as secret as the keys)" : "; keys not included (--with-keys)"));
            }
            else
            {
                var manifest = await new EmbeddedRestore(database.DataDirectory, checkpointFile).RunAsync(args[1], cancellationToken);
                await output.WriteLineAsync($"Đã khôi phục / restored the backup of {manifest.TakenAt:u} into {Path.GetFullPath(database.DataDirectory)}: "
                    + string.Join(", ", manifest.Databases.Select(d => d.Name)) + "; start the Host on it");
            }

            return 0;
        }
        catch (Exception ex) when (ex is BackupException or IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"{(backup ? "Sao lưu thất bại / backup failed" : "Khôi phục thất bại / restore failed")}: {ex.Message}");
            return 1;
        }
    }
}
