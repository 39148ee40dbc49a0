using System.Runtime.Versioning;
using System.Text;
using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.ServiceDefaults.Tests;

/// <summary>Secrets and personal data on disk: this user's only from the first byte, written atomically.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    [Fact]
    public void A_file_and_the_folders_it_needs_are_made_for_this_user_only()
    {
        using var root = new TempDirectory();
        var folder = Path.Combine(root.Path, "data");
        var path = Path.Combine(folder, "secret.key");

        Assert.True(PrivateFiles.TryCreate(path, "first"u8));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(folder));
        Assert.Equal([path], Directory.GetFiles(folder)); // no temporary file left
    }

    [Fact]
    public void An_existing_file_is_never_replaced_by_TryCreate()
    {
        using var root = new TempDirectory();
        var path = Path.Combine(root.Path, "secret.key");
        Assert.True(PrivateFiles.TryCreate(path, "first"u8));

        Assert.False(PrivateFiles.TryCreate(path, "second"u8));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(root.Path));
    }

    [Fact]
    public void An_existing_folder_keeps_its_mode()
    {
        using var root = new TempDirectory();
        var before = File.GetUnixFileMode(root.Path);

        PrivateFiles.CreateFolder(root.Path);

        Assert.Equal(before, File.GetUnixFileMode(root.Path));
    }

    [Fact]
    public void A_staged_file_takes_its_name_on_commit_replacing_an_older_one_and_is_gone_when_not_committed()
    {
        using var root = new TempDirectory();
        var path = Path.Combine(root.Path, "bootstrap.txt");
        File.WriteAllText(path, "stale");

        using (var staged = PrivateFiles.Stage(path, Encoding.UTF8.GetBytes("fresh")))
        {
            Assert.Equal("stale", File.ReadAllText(path));
            Assert.Equal(2, Directory.GetFiles(root.Path).Length); // written before anything else is done
            staged.Commit();
        }

        Assert.Equal("fresh", File.ReadAllText(path));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));

        using (PrivateFiles.Stage(path, Encoding.UTF8.GetBytes("abandoned")))
        {
        }

        Assert.Equal("fresh", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(root.Path));
    }

    [Fact]
    public void A_folder_that_cannot_be_made_fails_the_stage_and_leaves_nothing()
    {
        using var root = new TempDirectory();
        var file = Path.Combine(root.Path, "file");
        File.WriteAllText(file, ""); // a path under a file is no folder, even for root (CI runs as root)

        Assert.ThrowsAny<IOException>(() => PrivateFiles.Stage(Path.Combine(file, "secret.txt"), "x"u8));

        Assert.Equal([file], Directory.GetFiles(root.Path));
    }

    [Fact]
    public void Restrict_takes_group_and_others_off_a_database_and_its_write_ahead_log()
    {
        using var root = new TempDirectory();
        var database = Path.Combine(root.Path, "intake.db");
        var wide = OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        foreach (var file in new[] { database, database + "-wal" })
        {
            File.WriteAllText(file, "");
            File.SetUnixFileMode(file, wide);
        }

        PrivateFiles.Restrict(database);

        Assert.Equal(OwnerFile, File.GetUnixFileMode(database));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(database + "-wal"));
        Assert.False(File.Exists(database + "-shm"));
    }

    /// <summary>A folder removed with its contents.</summary>
    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateDirectory(
            System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ir-private-" + Guid.NewGuid().ToString("N")[..12])).FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
