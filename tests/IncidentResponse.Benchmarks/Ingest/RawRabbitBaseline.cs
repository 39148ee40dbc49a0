using System.Diagnostics;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace IncidentResponse.Benchmarks.Ingest;

/// <summary>
/// The ingest baseline: the plain RabbitMQ.Client 7 moving persistent messages of a report's size on
/// the same broker, durable queue, publisher confirms awaited, manual acknowledgements. Nothing of
/// ours runs: it is what the broker and the client can do on this machine.
/// </summary>
public static class RawRabbitBaseline
{
    /// <summary>Publishes for <paramref name="duration"/> and returns messages consumed per second in that time.</summary>
    public static async Task<double> RunAsync(Uri broker, int messageBytes, TimeSpan duration, int publishers, int inFlightPerPublisher)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var publishing = await factory.CreateConnectionAsync("bench-raw-publisher");
        await using var consuming = await factory.CreateConnectionAsync("bench-raw-consumer");
        var queue = "bench-raw-" + Guid.NewGuid().ToString("N")[..8];

        await using var consumer = await consuming.CreateChannelAsync();
        await consumer.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false);
        await consumer.BasicQosAsync(0, 200, false);
        var consumed = 0;
        var counting = new AsyncEventingBasicConsumer(consumer);
        counting.ReceivedAsync += async (_, delivery) =>
        {
            Interlocked.Increment(ref consumed);
            await consumer.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await consumer.BasicConsumeAsync(queue, autoAck: false, counting);

        var body = new byte[messageBytes];
        Random.Shared.NextBytes(body);
        var properties = new BasicProperties { Persistent = true, ContentType = "application/json" };
        var channels = new List<IChannel>();
        for (var i = 0; i < publishers; i++)
        {
            channels.Add(await publishing.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true)));
        }

        using var stop = new CancellationTokenSource(duration);
        var started = Stopwatch.StartNew();
        await Task.WhenAll(channels.SelectMany(channel => Enumerable.Range(0, inFlightPerPublisher).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                // Returns once the broker confirmed the message (tracking is on).
                await channel.BasicPublishAsync(string.Empty, queue, mandatory: false, properties, body, CancellationToken.None);
            }
        })));
        var consumedInTime = Volatile.Read(ref consumed);
        var seconds = started.Elapsed.TotalSeconds;
        foreach (var channel in channels)
        {
            await channel.CloseAsync();
            channel.Dispose();
        }

        await consumer.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
        return consumedInTime / seconds;
    }
}
