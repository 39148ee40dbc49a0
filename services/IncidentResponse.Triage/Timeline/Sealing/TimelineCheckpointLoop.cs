using IncidentResponse.ServiceDefaults.Data;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Triage.Timeline.Sealing;

/// <summary>
/// Checkpoints the timeline once the database is ready and then every <c>Timeline:CheckpointInterval</c> of the
/// injected clock. Taking the key ring here makes a Host without the key it needs refuse to start.
/// </summary>
public sealed partial class TimelineCheckpointLoop(
    TimelineCheckpointer checkpointer, TimelineKeyRing keys, DatabaseStatus database, IOptions<TimelineCheckpointOptions> options,
    TimeProvider time, ILogger<TimelineCheckpointLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(logger, keys.Current.Id, options.Value.CheckpointInterval);
        await database.WaitUntilReadyAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await checkpointer.CheckpointAsync(stoppingToken) is { } written)
                {
                    LogWritten(logger, written.Sequence, written.Heads.Count);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(logger, e);
            }

            await Task.Delay(options.Value.CheckpointInterval, time, stoppingToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Timeline sealed with key {KeyId}; checkpoints every {Interval}")]
    private static partial void LogStarted(ILogger logger, string keyId, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "Timeline checkpoint #{Sequence} written ({Heads} heads)")]
    private static partial void LogWritten(ILogger logger, long sequence, int heads);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Timeline checkpoint failed; trying again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
