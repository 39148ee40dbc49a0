using System.Globalization;
using IncidentResponse.ServiceDefaults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Retry;
using Polly.Timeout;

namespace IncidentResponse.Notifications.Channels;

/// <summary>
/// Sends through the destination's channel inside a Polly pipeline per channel and endpoint:
/// retry (exponential backoff with jitter, transient failures only) → circuit breaker → time-out per try.
/// Every try is recorded, including a try refused because the endpoint's circuit is open, which ends the retries.
/// </summary>
public sealed partial class ResilientSender : IDeliverySender, IDisposable
{
    public const string CircuitOpen = "circuit open";
    public const string UnknownChannel = "unknown channel";

    private readonly Dictionary<string, INotificationChannel> _channels;
    private readonly IOptionsMonitor<ResilienceOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger<ResilientSender> _logger;
    private readonly ResiliencePipelineRegistry<string> _pipelines = new();

    public ResilientSender(IEnumerable<INotificationChannel> channels, IOptionsMonitor<ResilienceOptions> options, TimeProvider time, ILogger<ResilientSender> logger)
    {
        ArgumentNullException.ThrowIfNull(channels);
        _channels = channels.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task<DeliveryReport> SendAsync(Notice notice, Recipient recipient, Destination destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(destination);
        var attempts = new List<AttemptRecord>();
        if (!_channels.TryGetValue(destination.Channel, out var channel))
        {
            attempts.Add(new AttemptRecord(destination.Channel, destination.Address, _time.GetUtcNow(), AttemptOutcome.PermanentFailure, UnknownChannel, TimeSpan.Zero));
            return new DeliveryReport(attempts);
        }

        var settings = _options.Get(channel.Name);
        var pipeline = PipelineFor(channel, channel.EndpointOf(destination), settings);
        try
        {
            await pipeline.ExecuteAsync(
                async token => await TryOnceAsync(channel, notice, recipient, destination, attempts, settings.Timeout, cancellationToken, token),
                cancellationToken);
        }
        catch (BrokenCircuitException)
        {
            attempts.Add(new AttemptRecord(channel.Name, destination.Address, _time.GetUtcNow(), AttemptOutcome.TransientFailure, CircuitOpen, TimeSpan.Zero));
        }
        catch (TimeoutRejectedException)
        {
            // The timed-out tries are already on the record.
        }

        if (attempts.Count == 0)
        {
            attempts.Add(new AttemptRecord(channel.Name, destination.Address, _time.GetUtcNow(), AttemptOutcome.TransientFailure, "no try was made", TimeSpan.Zero));
        }

        var last = attempts[^1];
        if (last.Outcome != AttemptOutcome.Delivered)
        {
            LogUndelivered(_logger, notice.NotificationId, channel.Name, attempts.Count, last.ProviderResponse);
        }

        return new DeliveryReport(attempts);
    }

    /// <summary>One try: the channel's answer, or a transient failure when the try timed out or the channel threw.</summary>
    private async ValueTask<ChannelResult> TryOnceAsync(
        INotificationChannel channel, Notice notice, Recipient recipient, Destination destination, List<AttemptRecord> attempts,
        TimeSpan timeout, CancellationToken callerToken, CancellationToken tryToken)
    {
        var startedAt = _time.GetUtcNow();
        var start = _time.GetTimestamp();
        ChannelResult result;
        try
        {
            result = await channel.SendAsync(notice, recipient, destination, tryToken);
        }
        catch (OperationCanceledException) when (!callerToken.IsCancellationRequested && tryToken.IsCancellationRequested)
        {
            var timedOut = string.Create(CultureInfo.InvariantCulture, $"timeout after {timeout.TotalMilliseconds:0} ms");
            attempts.Add(new AttemptRecord(channel.Name, destination.Address, startedAt, AttemptOutcome.TransientFailure, timedOut, _time.GetElapsedTime(start)));
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A channel should not throw for failures; if one does, the try failed and may be retried.
            result = ChannelResult.Transient(Failures.Describe(ex));
        }

        attempts.Add(new AttemptRecord(channel.Name, destination.Address, startedAt, result.Outcome, result.ProviderResponse, _time.GetElapsedTime(start), result.ProviderMessageId));
        return result;
    }

    private ResiliencePipeline<ChannelResult> PipelineFor(INotificationChannel channel, string endpoint, ResilienceOptions settings) =>
        _pipelines.GetOrAddPipeline<ChannelResult>($"{channel.Name}|{endpoint}", builder =>
        {
            builder.TimeProvider = _time;
            // No retries is one try: Polly's retry takes at least one, so none is added (with 0 every try threw).
            if (settings.MaxRetries > 0)
            {
                builder.AddRetry(new RetryStrategyOptions<ChannelResult>
                {
                    MaxRetryAttempts = settings.MaxRetries,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = settings.BaseDelay,
                    MaxDelay = settings.MaxDelay,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                });
            }

            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ChannelResult>
                {
                    FailureRatio = settings.BreakerFailureRatio,
                    MinimumThroughput = settings.BreakerMinimumThroughput,
                    SamplingDuration = settings.BreakerSamplingDuration,
                    BreakDuration = settings.BreakDuration,
                    ShouldHandle = args => ValueTask.FromResult(IsTransient(args.Outcome)),
                })
                .AddTimeout(settings.Timeout);
        });

    /// <summary>Transient outcomes and time-outs are retried and count against the breaker; nothing else is.</summary>
    private static bool IsTransient(Outcome<ChannelResult> outcome) => outcome switch
    {
        { Exception: BrokenCircuitException } => false,
        { Exception: TimeoutRejectedException } => true,
        { Exception: OperationCanceledException } => false,
        { Exception: not null } => true,
        { Result.Outcome: AttemptOutcome.TransientFailure } => true,
        _ => false,
    };

    public void Dispose() => _pipelines.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} not delivered on {Channel} after {Attempts} tries: {Reason}")]
    private static partial void LogUndelivered(ILogger logger, Guid notificationId, string channel, int attempts, string reason);
}
