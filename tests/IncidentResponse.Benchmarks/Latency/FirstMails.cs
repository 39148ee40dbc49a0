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
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiting = new(StringComparer.Ordinal);

    /// <summary>Hook for <c>SmtpTestServer.Accepted</c>.</summary>
    public void Record(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var at = Stopwatch.GetTimestamp();
        // The subject names the report (its title carries the token): only the headers are parsed then. The body is
        // parsed only when the subject does not (a title withheld by TLP), as before.
        if (Find(SubjectOf(raw)) is not { } token)
        {
            using var stream = new MemoryStream(raw, writable: false);
            var message = MimeMessage.Load(stream);
            token = Find(message.Subject + "\n" + message.TextBody);
        }

        if (token is not null && _firstByToken.TryAdd(token, at) && _waiting.TryRemove(token, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    private static string? SubjectOf(byte[] raw)
    {
        using var stream = new MemoryStream(raw, writable: false);
        return HeaderList.Load(stream)[HeaderId.Subject];
    }

    private static string? Find(string? text)
    {
        var index = text?.IndexOf(ReportLoad.TokenPrefix, StringComparison.Ordinal) ?? -1;
        return index >= 0 && index + ReportLoad.TokenLength <= text!.Length ? ReportLoad.TokenOf(text, index) : null;
    }

    /// <summary>Completes when the first mail naming <paramref name="token"/> has arrived (or at once if it has).</summary>
    public Task WaitAsync(string token)
    {
        if (_firstByToken.ContainsKey(token))
        {
            return Task.CompletedTask;
        }

        var waiter = _waiting.GetOrAdd(token, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (_firstByToken.ContainsKey(token) && _waiting.TryRemove(token, out var late))
        {
            late.TrySetResult();
        }

        return waiter.Task;
    }

    public bool TryFirst(string token, out long acceptedAt) => _firstByToken.TryGetValue(token, out acceptedAt);
}
