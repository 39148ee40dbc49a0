namespace IncidentResponse.ServiceDefaults.Security;

/// <summary>
/// Files and folders that hold secrets or personal data: made readable by the Host's user only from the moment they
/// exist (0600 files, 0700 folders; created with that mode, never widened then narrowed), and files written
/// atomically (a temporary file, then a rename that never replaces an existing one). On Windows the folder's
/// inherited access control applies instead.
/// </summary>
public static class PrivateFiles
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Folder and file modes that also let the Host's group read (a mail pickup agent in that group).</summary>
    public const UnixFileMode GroupReadableFolder = OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    public const UnixFileMode GroupReadableFile = OwnerFile | UnixFileMode.GroupRead;

    /// <summary>Makes <paramref name="path"/> (and missing parents) readable by this user only; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path) => CreateFolder(path, OwnerFolder);

    /// <summary>Makes <paramref name="path"/> with <paramref name="mode"/> if it does not exist yet; an existing folder is left as it is.</summary>
    public static void CreateFolder(string path, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (parent is not null && !Directory.Exists(parent))
        {
            Directory.CreateDirectory(parent);
        }

        Directory.CreateDirectory(path, mode);
    }

    /// <summary>
    /// Takes the group's and others' access away from <paramref name="path"/> and the files SQLite keeps beside it
    /// (<c>-wal</c>, <c>-shm</c>, <c>-journal</c>), where they exist: files made by a library with the default mode.
    /// SQLite gives the files it makes later the database file's mode.
    /// </summary>
    public static void Restrict(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            if (File.Exists(file) && (File.GetUnixFileMode(file) & ~OwnerFolder) is not UnixFileMode.None)
            {
                File.SetUnixFileMode(file, File.GetUnixFileMode(file) & OwnerFolder);
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/> unless it exists: false when another process made
    /// it first (its content is then the one to use). The file is flushed to disk before it takes its name.
    /// </summary>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content) => TryCreate(path, content, OwnerFile);

    /// <inheritdoc cref="TryCreate(string, ReadOnlySpan{byte})"/>
    public static bool TryCreate(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (File.Exists(path))
        {
            return false;
        }

        using var staged = Stage(path, content, mode);
        try
        {
            File.Move(staged.Temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false; // another process made it first: use theirs
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> (this user only) beside <paramref name="path"/> under a temporary name, so that
    /// a folder that cannot be written fails before anything else is done; <see cref="StagedFile.Commit"/> gives it
    /// its name (replacing an older file), disposing without committing deletes it.
    /// </summary>
    public static StagedFile Stage(string path, ReadOnlySpan<byte> content) => Stage(path, content, OwnerFile);

    private static StagedFile Stage(string path, ReadOnlySpan<byte> content, UnixFileMode mode)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        CreateFolder(folder);
        var temporary = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        var staged = new StagedFile(full, temporary);
        try
        {
            using var stream = new FileStream(temporary, Options(mode));
            stream.Write(content);
            stream.Flush(flushToDisk: true);
            return staged;
        }
        catch
        {
            staged.Dispose();
            throw;
        }
    }

    /// <summary>Options to create a new file with <paramref name="mode"/> from its first byte (Unix; ignored on Windows).</summary>
    public static FileStreamOptions Options(UnixFileMode mode, bool useAsync = false)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 16384,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        return options;
    }
}

/// <summary>A private file written under a temporary name (see <see cref="PrivateFiles.Stage(string, ReadOnlySpan{byte})"/>).</summary>
public sealed class StagedFile : IDisposable
{
    internal StagedFile(string path, string temporary)
    {
        Path = path;
        Temporary = temporary;
    }

    /// <summary>The name it takes on <see cref="Commit"/> (full path).</summary>
    public string Path { get; }

    internal string Temporary { get; }

    /// <summary>Gives the file its name, replacing a file of that name.</summary>
    public void Commit() => File.Move(Temporary, Path, overwrite: true);

    public void Dispose()
    {
        if (File.Exists(Temporary))
        {
            File.Delete(Temporary);
        }
    }
}
