using System.Security.Cryptography;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>A generated secret kept in a file only its owner can read (0600), written atomically.</summary>
internal static class KeyFile
{
    public static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path).Trim());

    public static byte[] ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return Read(path);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(32);
        var temporary = path + "." + Guid.NewGuid().ToString("N");
        File.WriteAllText(temporary, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        try
        {
            File.Move(temporary, path, overwrite: false);
            return key;
        }
        catch (IOException)
        {
            File.Delete(temporary); // another Host process on this directory made it first: use theirs
            return Read(path);
        }
    }
}
