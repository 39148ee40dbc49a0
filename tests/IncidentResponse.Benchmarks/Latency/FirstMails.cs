using System.Collections.Concurrent;
using System.Diagnostics;
using IncidentResponse.Benchmarks.Ingest;
using MimeKit;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// Notes, for each report token, when the SMTP server accepted the first mail naming it (Stopwatch
/// ticks, the clock the load generator reads when the 202 arrives).
/// </summary>
public sealed class FirstMails
{
    private readonly ConcurrentDictionary<string, long> _firstByToken = new(StringComparer.Ordinal);

    /// <summary>Hook for <c>SmtpTestServer.Accepted</c>.</summary>
    public void Record(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var at = Stopwatch.GetTimestamp();
        using var stream = new MemoryStream(raw);
        var message = MimeMessage.Load(stream);
        var text = message.Subject + "\n" + message.TextBody;
        var index = text.IndexOf(ReportLoad.TokenPrefix, StringComparison.Ordinal);
        if (index >= 0 && index + ReportLoad.TokenLength <= text.Length)
        {
            _firstByToken.TryAdd(ReportLoad.TokenOf(text, index), at);
        }
    }

    public bool TryFirst(string token, out long acceptedAt) => _firstByToken.TryGetValue(token, out acceptedAt);
}
