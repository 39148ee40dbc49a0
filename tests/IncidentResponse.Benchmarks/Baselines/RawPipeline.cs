using System.Globalization;
using System.Net.Sockets;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Npgsql;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentResponse.Benchmarks.Baselines;

/// <summary>
/// B2 and B3 past the accept: one persistent, publisher-confirmed RabbitMQ message per stored report
/// (RabbitMQ.Client, durable queue); a consumer (manual acknowledgements, 32 at once) answers each with
/// one UPDATE (triaged), and for B3 then sends five e-mails to the SMTP sink over pooled MailKit
/// connections and stores a row per e-mail (one INSERT of five rows) before acknowledging. Each e-mail carries
/// the text and HTML bodies of a notice the Host sent in the same run (<see cref="Mail"/>): the raw pipeline
/// renders nothing, but it moves and encodes as many bytes per e-mail as the Host does.
/// </summary>
public sealed class RawPipeline : IAsyncDisposable
{
    private const int Concurrency = 32;
    private readonly NpgsqlDataSource _source;
    private readonly IConnection _connection;
    private readonly IChannel _publisher;
    private readonly IChannel _consumer;
    private readonly string _queue;
    private readonly SmtpPool? _mail;

    private RawPipeline(NpgsqlDataSource source, IConnection connection, IChannel publisher, IChannel consumer, string queue, SmtpPool? mail)
    {
        _source = source;
        _connection = connection;
        _publisher = publisher;
        _consumer = consumer;
        _queue = queue;
        _mail = mail;
    }

    /// <summary>The bodies each of B3's e-mails carries: a notice's plain text and HTML, as the sink received them.</summary>
    public sealed record Mail(string Text, string Html);

    /// <summary>Declares the queue and starts consuming; <paramref name="mail"/> is B3's SMTP sink and what each mail carries, null for B2 (no mail).</summary>
    public static async Task<RawPipeline> StartAsync(NpgsqlDataSource source, Uri broker, (int SmtpPort, Mail Body)? mail)
    {
        ArgumentNullException.ThrowIfNull(source);
        var factory = new ConnectionFactory { Uri = broker, ConsumerDispatchConcurrency = Concurrency };
        var connection = await factory.CreateConnectionAsync("bench-raw-pipeline");
        var publisher = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var consumer = await connection.CreateChannelAsync(new CreateChannelOptions(false, false, consumerDispatchConcurrency: Concurrency));
        var queue = "bench-raw-reports";
        await consumer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumer.BasicQosAsync(0, 64, false);
        var pipeline = new RawPipeline(source, connection, publisher, consumer, queue, mail is { } m ? new SmtpPool(m.SmtpPort, 8, m.Body) : null);
        var handler = new AsyncEventingBasicConsumer(consumer);
        handler.ReceivedAsync += pipeline.OnReceivedAsync;
        await consumer.BasicConsumeAsync(queue, autoAck: false, handler);
        return pipeline;
    }

    /// <summary>Publishes one persistent message per stored report and waits for every confirm (B2's after-commit step).</summary>
    public Task PublishAsync(IReadOnlyList<(long Id, string Token)> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var properties = new BasicProperties { Persistent = true, ContentType = "text/plain" };
        return Task.WhenAll(stored.Select(s => _publisher.BasicPublishAsync(string.Empty, _queue, mandatory: false, properties,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{s.Id} {s.Token}")), CancellationToken.None).AsTask()));
    }

    private async Task OnReceivedAsync(object sender, BasicDeliverEventArgs delivery)
    {
        var text = Encoding.UTF8.GetString(delivery.Body.Span);
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var id = long.Parse(text[..space], CultureInfo.InvariantCulture);
        var token = text[(space + 1)..];
        await using (var update = _source.CreateCommand("UPDATE reports SET triaged_at = now() WHERE id = $1"))
        {
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            await update.ExecuteNonQueryAsync();
        }

        if (_mail is { } mail)
        {
            string[] recipients = ["soc@example.invalid", "duty@example.invalid", "isp@example.invalid", "owner@example.invalid", "lead@example.invalid"];
            foreach (var recipient in recipients)
            {
                await mail.SendAsync(recipient, $"[Sự cố] {token}");
            }

            await using var insert = _source.CreateCommand("INSERT INTO emails (report_id, recipient) SELECT $1, r FROM unnest($2) AS r");
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = recipients });
            await insert.ExecuteNonQueryAsync();
        }

        await _consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    public async ValueTask DisposeAsync()
    {
        await _consumer.CloseAsync();
        await _publisher.CloseAsync();
        await _connection.CloseAsync();
        _consumer.Dispose();
        _publisher.Dispose();
        _connection.Dispose();
        if (_mail is not null)
        {
            await _mail.DisposeAsync();
        }
    }

    /// <summary>Connected MailKit clients, each used by one sender at a time.</summary>
    private sealed class SmtpPool(int port, int size, Mail body) : IAsyncDisposable
    {
        private readonly SemaphoreSlim _free = new(size, size);
        private readonly System.Collections.Concurrent.ConcurrentBag<SmtpClient> _idle = [];

        public async Task SendAsync(string to, string subject)
        {
            await _free.WaitAsync();
            var client = _idle.TryTake(out var pooled) ? pooled : new SmtpClient();
            try
            {
                if (!client.IsConnected)
                {
                    // Without Nagle, as the Host's own sessions: a body written in several segments would otherwise wait
                    // for the sink's delayed acknowledgement (40 ms a mail: B3 read 36 reports/s with notice-sized mails).
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(Testing.SmtpTestServer.Host, port);
                        await client.ConnectAsync(socket, Testing.SmtpTestServer.Host, port, SecureSocketOptions.None);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                }

                using var message = new MimeMessage();
                message.From.Add(MailboxAddress.Parse("ir@example.invalid"));
                message.To.Add(MailboxAddress.Parse(to));
                message.Subject = subject;
                message.Body = new MultipartAlternative { new TextPart("plain") { Text = body.Text }, new TextPart("html") { Text = body.Html } };
                await client.SendAsync(message);
                _idle.Add(client);
            }
            catch
            {
                client.Dispose();
                throw;
            }
            finally
            {
                _free.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            while (_idle.TryTake(out var client))
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(true);
                }

                client.Dispose();
            }

            _free.Dispose();
        }
    }
}
