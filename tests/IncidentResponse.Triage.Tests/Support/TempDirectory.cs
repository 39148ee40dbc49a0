namespace IncidentResponse.Triage.Tests.Support;

/// <summary>A directory removed with its contents when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ir-triage-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>A rules folder holding a copy of the shipped legal regimes and the given policy text.</summary>
    public static TempDirectory WithRules(string policyText, string policyFileName = "triage-policy-2026.1.yaml")
    {
        var dir = new TempDirectory();
        File.Copy(ShippedRules.RegimesFile, System.IO.Path.Combine(dir.Path, "legal-regimes.yaml"));
        dir.Write(policyFileName, policyText);
        return dir;
    }

    public string Write(string fileName, string text)
    {
        var path = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the OS cleans its temp folder.
        }
    }
}
