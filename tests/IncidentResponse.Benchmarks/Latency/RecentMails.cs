namespace IncidentResponse.Benchmarks.Latency;

/// <summary>The last few messages the SMTP sink accepted (it keeps nothing itself while a benchmark measures).</summary>
public sealed class RecentMails
{
    private const int Size = 16;
    private readonly byte[]?[] _ring = new byte[Size][];
    private long _next;

    /// <summary>Hook for <c>SmtpTestServer.Accepted</c>: one store per message, no parsing.</summary>
    public void Record(byte[] raw)
    {
        var slot = (Interlocked.Increment(ref _next) - 1) % Size;
        Volatile.Write(ref _ring[slot], raw);
    }

    /// <summary>The messages held now, in no particular order.</summary>
    public IReadOnlyList<byte[]> Snapshot()
    {
        var held = new List<byte[]>(Size);
        for (var i = 0; i < Size; i++)
        {
            if (Volatile.Read(ref _ring[i]) is { } raw)
            {
                held.Add(raw);
            }
        }

        return held;
    }
}
