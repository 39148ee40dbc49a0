using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Up to <see cref="EmailOptions.Connections"/> sessions with the SMTP relay, each reused for one try at a time
/// (<see cref="SmtpConnection"/>), opened only when that many tries run at once. With a single session every notice
/// waited for the messages queued before it (a report engaging eight units sends eight): under load the first notice
/// of a report stood behind the others' whole exchanges.
/// </summary>
public sealed class SmtpConnections(IOptions<EmailOptions> options, ILoggerFactory loggers) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Connections));
    private readonly ConcurrentStack<SmtpConnection> _idle = new();
    private readonly ConcurrentQueue<SmtpConnection> _all = new();

    /// <summary>How many SMTP sessions have been opened in all (for diagnostics and tests).</summary>
    public int SessionsOpened => _all.Sum(c => c.SessionsOpened);

    /// <summary>Sends one message on an idle session (the most recently used first) and returns the relay's reply to the end of data.</summary>
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        if (!_idle.TryPop(out var connection))
        {
            connection = new SmtpConnection(options, loggers.CreateLogger<SmtpConnection>());
            _all.Enqueue(connection);
        }

        try
        {
            return await connection.SendAsync(message, cancellationToken);
        }
        finally
        {
            _idle.Push(connection);
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _all)
        {
            await connection.DisposeAsync();
        }
    }

    public void Dispose()
    {
        foreach (var connection in _all)
        {
            connection.Dispose();
        }

        _slots.Dispose();
    }
}
