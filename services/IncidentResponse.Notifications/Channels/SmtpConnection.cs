using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// One session with the SMTP relay, reused by one e-mail try at a time (<see cref="SmtpConnections"/> keeps several).
/// It connects on first use, reconnects when the relay has closed it or after a transport error, and
/// says QUIT on shutdown. A reused connection that turns out to be stale is replaced once within the try.
/// </summary>
public sealed partial class SmtpConnection(IOptions<EmailOptions> options, ILogger<SmtpConnection> logger) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;
    private bool _disposed;

    /// <summary>How many SMTP sessions this holder has opened (for diagnostics and tests).</summary>
    public int SessionsOpened { get; private set; }

    /// <summary>Sends one message and returns the relay's reply to the end of data (e.g. <c>2.0.0 Ok: queued as …</c>).</summary>
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var reused = _client is { IsConnected: true };
            var client = reused ? _client! : await ConnectAsync(cancellationToken);
            try
            {
                return await client.SendAsync(message, cancellationToken);
            }
            catch (Exception ex) when (reused && IsStale(ex) && !cancellationToken.IsCancellationRequested)
            {
                LogStale(logger, ex.Message);
                await DropAsync();
                client = await ConnectAsync(cancellationToken);
                return await client.SendAsync(message, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not SmtpCommandException || _client is { IsConnected: false })
        {
            // After a transport error or a cancelled exchange the session state is unknown: start afresh next time.
            // A command error (4xx/5xx reply) leaves the session usable.
            await DropAsync();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            throw new InvalidOperationException("Notifications:Email:Host is not configured.");
        }

        var client = new SmtpClient { Timeout = (int)settings.CommandTimeout.TotalMilliseconds, LocalDomain = "incidentresponse.invalid" };
        // Our own socket, with Nagle's algorithm off: MailKit writes a message in several small pieces and
        // pipelines commands, and with Nagle on each piece can wait for the relay's delayed ACK (up to 40 ms).
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.Host, settings.Port, cancellationToken);
            await client.ConnectAsync(socket, settings.Host, settings.Port, ToMailKit(settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                if (!client.IsSecure)
                {
                    // Also when STARTTLS was offered away by someone on the path (StartTlsWhenAvailable).
                    throw new AuthenticationException(
                        "refusing to send the SMTP user name and password over an unencrypted connection: use Notifications:Email:Security StartTls or SslOnConnect");
                }

                await client.AuthenticateAsync(settings.UserName, settings.Password ?? string.Empty, cancellationToken);
            }
        }
        catch
        {
            client.Dispose();
            socket.Dispose();
            throw;
        }

        _client = client;
        SessionsOpened++;
        return client;
    }

    private async Task DropAsync()
    {
        if (_client is not { } client)
        {
            return;
        }

        _client = null;
        try
        {
            if (client.IsConnected)
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await client.DisconnectAsync(quit: false, quick.Token);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or SmtpProtocolException or ServiceNotConnectedException)
        {
            // Already gone.
        }
        finally
        {
            client.Dispose();
        }
    }

    private static bool IsStale(Exception ex) =>
        ex is ServiceNotConnectedException or IOException or SocketException or SmtpProtocolException;

    internal static SecureSocketOptions ToMailKit(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.StartTlsWhenAvailable,
    };

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_client is { IsConnected: true } client)
            {
                try
                {
                    using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                    await client.DisconnectAsync(quit: true, quick.Token);
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or SmtpProtocolException or SmtpCommandException or ServiceNotConnectedException)
                {
                    LogQuitFailed(logger, ex.Message);
                }
            }

            _client?.Dispose();
            _client = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        DisposeAsync().AsTask().GetAwaiter().GetResult();
        _gate.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SMTP connection was stale ({Reason}); reconnecting")]
    private static partial void LogStale(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "SMTP QUIT on shutdown failed: {Reason}")]
    private static partial void LogQuitFailed(ILogger logger, string reason);
}
