using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.NetworkInformation;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IncidentResponse.Testing;

/// <summary>
/// A real SMTP server (the SmtpServer library) on 127.0.0.1 and a free port. It keeps every message it
/// accepts, counts sessions, can answer 451 to the next N messages, and rejects chosen recipients with 550.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<byte[]> _messages = new();
    private readonly ConcurrentDictionary<string, bool> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly bool _keep;
    private int _sessions;
    private int _failNext;
    private int _count;

    private SmtpTestServer(int port, bool keep)
    {
        Port = port;
        _keep = keep;
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test.invalid")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new Filter(this));
        services.Add((SmtpServer.Net.IEndpointListenerFactory)new SmtpNoDelayListener());
        _server = new SmtpServer.SmtpServer(options, services);
        _server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = _server.StartAsync(_stop.Token);
    }

    public const string Host = "127.0.0.1";

    public int Port { get; }

    /// <summary>SMTP sessions opened by clients so far.</summary>
    public int Sessions => Volatile.Read(ref _sessions);

    public IReadOnlyList<MimeMessage> Received => [.. _messages.Select(raw => MimeMessage.Load(new MemoryStream(raw)))];

    public IReadOnlyList<byte[]> Raw => [.. _messages];

    /// <summary>Messages accepted so far (kept or not).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Raised with each message as it is accepted (on the SMTP session's thread).</summary>
    public event Action<byte[]>? Accepted;

    /// <summary>Answer the next <paramref name="count"/> messages with <c>451 4.3.0</c> (try again later).</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Answer <c>RCPT TO</c> for this address with <c>550 5.1.1</c>.</summary>
    public void Reject(string address) => _rejected[address] = true;

    /// <summary>Accept <paramref name="address"/> again after <see cref="Reject"/>.</summary>
    public void Accept(string address) => _rejected.TryRemove(address, out _);

    /// <summary>
    /// Starts listening on a free port of <see cref="Host"/>. With <paramref name="keepMessages"/> false nothing accepted is kept
    /// (<see cref="Received"/> and <see cref="Raw"/> stay empty; <see cref="Accepted"/> and <see cref="Count"/> still see every
    /// message): a benchmark's sink that would otherwise hold hundreds of megabytes, and collect them, while it measures.
    /// </summary>
    public static async Task<SmtpTestServer> StartAsync(bool keepMessages = true)
    {
        var server = new SmtpTestServer(PeerProcess.FreePort(), keepMessages);
        for (var i = 0; i < 200 && !server.IsListening(); i++)
        {
            await Task.Delay(10);
        }

        if (!server.IsListening())
        {
            await server.DisposeAsync();
            throw new InvalidOperationException("the test SMTP server did not start listening");
        }

        return server;
    }

    private bool IsListening() =>
        IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Any(e => e.Port == Port);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref owner._failNext) >= 0)
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)451, "4.3.0 Try again later"));
            }

            Interlocked.Exchange(ref owner._failNext, 0);
            var message = buffer.ToArray();
            if (owner._keep)
            {
                owner._messages.Enqueue(message);
            }

            Interlocked.Increment(ref owner._count);
            owner.Accepted?.Invoke(message);
            return Task.FromResult(new SmtpResponse(SmtpReplyCode.Ok, "2.0.0 Ok: queued as TEST"));
        }
    }

    private sealed class Filter(SmtpTestServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox @from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox @from, CancellationToken cancellationToken) =>
            owner._rejected.ContainsKey($"{to.User}@{to.Host}")
                ? throw new SmtpResponseException(new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "5.1.1 Recipient address rejected: user unknown"))
                : Task.FromResult(true);
    }
}
