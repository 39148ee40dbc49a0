using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using IncidentResponse.Benchmarks.Ingest;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace IncidentResponse.Benchmarks.Latency;

/// <summary>
/// A real SMTP server on 127.0.0.1 that notes when it accepted the first message naming each report
/// token (Stopwatch ticks, the same clock the load generator reads) and keeps nothing else.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly ConcurrentDictionary<string, long> _firstByToken = new(StringComparer.Ordinal);
    private int _messages;

    public SmtpSink()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.bench.invalid")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    public int Messages => Volatile.Read(ref _messages);

    /// <summary>When the first message naming <paramref name="token"/> was accepted, if one was.</summary>
    public bool TryFirst(string token, out long acceptedAt) => _firstByToken.TryGetValue(token, out acceptedAt);

    private void Record(ReadOnlySequence<byte> buffer)
    {
        var at = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _messages);
        using var stream = new MemoryStream(buffer.ToArray());
        var message = MimeMessage.Load(stream);
        var text = message.Subject + "\n" + message.TextBody;
        var index = text.IndexOf(ReportLoad.TokenPrefix, StringComparison.Ordinal);
        if (index >= 0 && index + ReportLoad.TokenLength <= text.Length)
        {
            _firstByToken.TryAdd(ReportLoad.TokenOf(text, index), at);
        }
    }

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

    private sealed class Store(SmtpSink owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Record(buffer);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }
}
