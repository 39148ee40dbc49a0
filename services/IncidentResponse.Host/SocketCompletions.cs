namespace IncidentResponse.Host;

/// <summary>
/// How the Host runs socket completions. It leaves them to the thread pool, the runtime's default, and runs a request's
/// code on the thread that read it (<see cref="ConfigureKestrel"/>), which is then a thread-pool thread.
/// <para>
/// It used to turn the runtime's inline completions on (<see cref="Variable"/> = <c>1</c>): completions ran on the
/// socket event threads (docs/benchmarks/2026-12-04-lean-16.md; 113.7 against 100.5 reports/s with Kestrel queued too,
/// 110.3 with Kestrel inline, in the runs of docs/benchmarks/2026-12-08-inline-completions.md), on the premise that
/// nothing in the Host blocks on a socket. Npgsql does: when a query's cancellation token fires it sends PostgreSQL a cancel request on a new connection and waits, synchronously, for the server to close it, while
/// the reader of that query, continuing on a socket event thread, waits for the cancellation to finish. When the
/// cancel connection belongs to that event thread, both wait until a timeout, and every socket the thread serves
/// (HTTP, PostgreSQL, the broker) stalls meanwhile. A broker outage cancels every running consumer at once, so a Host
/// stalled for up to a minute (a chaos run's notification mailed twice was most likely the result of one such stall).
/// </para>
/// An operator's <see cref="Variable"/> = <c>1</c> still turns them on, at that risk.
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Whether this process runs socket completions inline (only for exactly <c>1</c>, as the runtime reads it).</summary>
    public static bool Inline => Environment.GetEnvironmentVariable(Variable) == "1";

    /// <summary>
    /// Kestrel runs a request's code on the thread that completed its read instead of handing it to its own queue (paired
    /// runs with inline completions: the Host's CPU per report 14.5–14.6 → 12.1–12.5 ms). With completions on the thread
    /// pool that thread is a pool thread, so a request that waits ties up what any awaited work would.
    /// </summary>
    public static void ConfigureKestrel(IWebHostBuilder webHost)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        webHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
    }
}
