using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Prometheus;

namespace IncidentResponse.ServiceDefaults.Observability.Prometheus;

/// <summary>
/// MassTransit's own meter (<c>messaging.masstransit.consume.duration</c>, milliseconds, and
/// <c>messaging.masstransit.consume.errors</c>) as <c>ir_consume_duration_seconds</c> and <c>ir_consume_errors_total</c>,
/// labelled by consumer and message type (short names).
/// </summary>
public sealed class ConsumerMetrics(HostMetrics metrics) : IHostedService, IDisposable
{
    private const string Meter = "MassTransit";
    private const string DurationInstrument = "messaging.masstransit.consume.duration";
    private const string ErrorsInstrument = "messaging.masstransit.consume.errors";

    /// <summary>MassTransit measures a consume only while its counter <c>messaging.masstransit.consume</c> is listened to.</summary>
    private const string ConsumePrefix = "messaging.masstransit.consume";

    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Histogram _duration = metrics.Histogram("ir_consume_duration_seconds",
        "Time a consumer took for one message / Thời gian xử lý một tin", Buckets, "consumer", "message");

    private readonly Counter _errors = metrics.Counter("ir_consume_errors_total",
        "Messages a consumer failed on (each attempt) / Số lần xử lý tin bị lỗi", "consumer", "message");

    private MeterListener? _listener;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == Meter && instrument.Name.StartsWith(ConsumePrefix, StringComparison.Ordinal))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
        return Task.CompletedTask;
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string consumer = "", message = "";
        foreach (var tag in tags)
        {
            if (tag.Key == "messaging.masstransit.consumer_type")
            {
                consumer = ShortName(tag.Value as string);
            }
            else if (tag.Key == "messaging.masstransit.message_type")
            {
                message = ShortName(tag.Value as string);
            }
        }

        if (instrument.Name == DurationInstrument)
        {
            _duration.WithLabels(consumer, message).Observe(value / 1000.0);
        }
        else if (instrument.Name == ErrorsInstrument)
        {
            _errors.WithLabels(consumer, message).Inc(value);
        }
    }

    /// <summary>A type's own name: <c>IncidentResponse.Triage.Incidents.ReportReceivedConsumer</c> → <c>ReportReceivedConsumer</c>.</summary>
    internal static string ShortName(string? type)
    {
        if (string.IsNullOrEmpty(type))
        {
            return "";
        }

        var generic = type.IndexOf('<', StringComparison.Ordinal);
        var head = generic < 0 ? type : type[..generic];
        var dot = head.LastIndexOfAny(['.', ':', '+']);
        return dot < 0 ? head : head[(dot + 1)..];
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        _listener = null;
        return Task.CompletedTask;
    }

    public void Dispose() => _listener?.Dispose();
}
