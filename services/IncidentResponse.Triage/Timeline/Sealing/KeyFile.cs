using System.Security.Cryptography;
using System.Text;
using IncidentResponse.ServiceDefaults.Security;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>A generated secret kept in a file only its owner can read (0600), written atomically.</summary>
internal static class KeyFile
{
    public static byte[] Read(string path) => Convert.FromBase64String(File.ReadAllText(path).Trim());

    public static byte[] ReadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            var key = RandomNumberGenerator.GetBytes(32);
            if (PrivateFiles.TryCreate(path, Encoding.ASCII.GetBytes(Convert.ToBase64String(key))))
            {
                return key;
            }

            // another Host process on this directory made it first: use theirs
        }

        return Read(path);
    }
}
