using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IncidentResponse.Web.Board;

/// <summary>
/// Listens to the bus for board changes only while someone watches: the first open <c>/board/events</c>
/// stream of this Host connects a temporary receive endpoint (<see cref="BoardEndpoint"/>), and it is
/// stopped <see cref="BoardOptions.ListenAfterLastStream"/> after the last stream closed. With no browser
/// open the pipeline's events cost the board nothing: no queue, no deliveries.
/// </summary>
public sealed partial class BoardListener(
    IReceiveEndpointConnector connector, IOptions<BoardOptions> options, TimeProvider time, ILogger<BoardListener> logger) : IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private HostReceiveEndpointHandle? handle;
    private int watchers;

    /// <summary>Whether the endpoint is connected now.</summary>
    public bool Listening => handle is not null;

    /// <summary>Counts one more watcher and returns once the endpoint listens (or after a few seconds: the stream still opens).</summary>
    public async Task<IDisposable> WatchAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref watchers);
        var watch = new Watch(this);
        try
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                if (handle is null)
                {
                    var name = BoardEndpoint.Prefix + NewId.NextGuid().ToString("N");
                    handle = connector.ConnectReceiveEndpoint(name, (context, endpoint) => BoardEndpoint.Configure(context, endpoint));
                    LogConnected(logger, name);
                }

                await handle.Ready.WaitAsync(TimeSpan.FromSeconds(5), time, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }
        catch (TimeoutException)
        {
            // The broker is slow: changes arrive once it is ready, and the page refetches on reconnect anyway.
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        return watch;
    }

    private void Leave()
    {
        if (Interlocked.Decrement(ref watchers) == 0)
        {
            _ = StopWhenStillUnwatchedAsync();
        }
    }

    private async Task StopWhenStillUnwatchedAsync()
    {
        try
        {
            await Task.Delay(options.Value.ListenAfterLastStream, time);
            await gate.WaitAsync();
            try
            {
                if (Volatile.Read(ref watchers) == 0 && handle is { } connected)
                {
                    handle = null;
                    await connected.StopAsync();
                    LogStopped(logger);
                }
            }
            finally
            {
                gate.Release();
            }
        }
        catch (Exception ex)
        {
            // A temporary endpoint: if it cannot be stopped it is removed with the connection anyway.
            LogStopFailed(logger, ex.GetType().Name);
        }
    }

    public void Dispose() => gate.Dispose();

    private sealed class Watch(BoardListener owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board listening on {Endpoint}: a board stream is open")]
    private static partial void LogConnected(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Board stopped listening: no board stream is open")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Board endpoint could not be stopped ({Error}); it goes with the connection")]
    private static partial void LogStopFailed(ILogger logger, string error);
}
