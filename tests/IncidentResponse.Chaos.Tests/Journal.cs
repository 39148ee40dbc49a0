namespace IncidentResponse.Chaos.Tests;

/// <summary>What a run did and when: to the test output and to <c>journal.log</c> beside the Host logs.</summary>
internal sealed class Journal(ITestOutputHelper output, string file)
{
    private readonly Lock _gate = new();

    public string File => file;

    public void Say(string line)
    {
        var stamped = $"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {line}";
        lock (_gate)
        {
            System.IO.File.AppendAllText(file, stamped + Environment.NewLine);
            try
            {
                output.WriteLine(stamped);
            }
            catch (InvalidOperationException)
            {
                // the test has already ended
            }
        }
    }
}
