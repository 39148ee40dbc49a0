namespace IncidentResponse.Host;

/// <summary>
/// The Host runs socket completions on the runtime's socket event threads instead of queueing each one to the
/// thread pool. Every report crosses many sockets (HTTP, PostgreSQL, RabbitMQ, SMTP), and each completion queued to
/// the pool is a hand-off between threads, often the wake-up of a sleeping worker: on two cores shared with the
/// database and the broker, the paired
/// benchmark runs (docs/benchmarks/2026-12-04-lean-16.md) read 80–84 reports/s inline against 54–74 queued, with the
/// Host's CPU per report 12–13 ms against 14–18. What makes it safe here: nothing in the Host blocks on a socket
/// (every database, broker and SMTP call is asynchronous), which a continuation on an event thread must never do.
/// The runtime reads the setting once, when the first socket is made, so it is set before anything else runs; an
/// operator's own value (<c>0</c> turns it off) is kept. Kestrel then runs requests inline as well (<see cref="ConfigureKestrel"/>).
/// </summary>
public static class SocketCompletions
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>Sets <see cref="Variable"/> to <c>1</c> unless it is set; true when it is on afterwards.</summary>
    public static bool PreferInline(Func<string, string?> read, Action<string, string> write)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(write);
        var value = read(Variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            write(Variable, "1");
            return true;
        }

        return IsOn(value);
    }

    /// <summary>Whether this process runs socket completions inline.</summary>
    public static bool Inline => IsOn(Environment.GetEnvironmentVariable(Variable));

    /// <summary>As the runtime reads the setting: on only for exactly <c>1</c>, so Kestrel follows what the sockets do.</summary>
    private static bool IsOn(string? value) => value == "1";

    /// <summary>The process's own: call first thing in <c>Main</c>.</summary>
    public static bool PreferInline() => PreferInline(Environment.GetEnvironmentVariable, Environment.SetEnvironmentVariable);

    /// <summary>
    /// With <paramref name="inline"/>, Kestrel runs a request's code on the socket thread that read it too, instead of
    /// handing it to the thread pool (paired runs: the Host's CPU per report 14.5–14.6 → 12.1–12.5 ms). Without, Kestrel's
    /// default.
    /// </summary>
    public static void ConfigureKestrel(IWebHostBuilder webHost, bool inline)
    {
        ArgumentNullException.ThrowIfNull(webHost);
        if (inline)
        {
            webHost.UseSockets(o => o.UnsafePreferInlineScheduling = true);
        }
    }
}
