namespace IncidentResponse.Testing;

/// <summary>A directory removed with its contents when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateDirectory(
        System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ir-test-" + Guid.NewGuid().ToString("N")[..12])).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a stopping process; the temp folder is cleaned by the OS.
        }
    }
}
