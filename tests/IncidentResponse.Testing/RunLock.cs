namespace IncidentResponse.Testing;

/// <summary>A lock across the test processes of one run: a file opened exclusively in the temp folder.</summary>
internal static class RunLock
{
    public static async Task<IDisposable> TakeAsync(string run)
    {
        var path = Path.Combine(Path.GetTempPath(), $"incidentresponse-test-{run}.lock");
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 5000)
            {
                // Another assembly is starting the containers: up to 8 minutes and a bit, longer than its three bounded tries.
                await Task.Delay(100);
            }
            catch (IOException ex)
            {
                throw new InvalidOperationException($"The run's start lock {path} was held for more than 8 minutes: another test assembly is stuck starting its containers", ex);
            }
        }
    }
}
