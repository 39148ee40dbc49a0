using System.Threading.Channels;

namespace IncidentResponse.Web.Board;

/// <summary>
/// Fans each board change out to every open <c>/board/events</c> stream of this Host. Each stream
/// has a small bounded queue; a slow reader loses the oldest changes, never blocks the bus (the page
/// refetches the whole board on any change, so a lost one costs nothing).
/// </summary>
public sealed class BoardBroadcaster
{
    public const int QueueLength = 32;

    private readonly Lock gate = new();
    private readonly List<Channel<BoardChange>> subscribers = [];

    public int Subscribers
    {
        get
        {
            lock (gate)
            {
                return subscribers.Count;
            }
        }
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<BoardChange>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (gate)
        {
            subscribers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    public void Publish(BoardChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Channel<BoardChange>[] all;
        lock (gate)
        {
            all = [.. subscribers];
        }

        foreach (var channel in all)
        {
            channel.Writer.TryWrite(change);
        }
    }

    private void Remove(Channel<BoardChange> channel)
    {
        lock (gate)
        {
            subscribers.Remove(channel);
        }

        channel.Writer.TryComplete();
    }

    /// <summary>One stream's queue; disposing it stops its deliveries.</summary>
    public sealed class Subscription(BoardBroadcaster owner, Channel<BoardChange> channel) : IDisposable
    {
        public ChannelReader<BoardChange> Reader => channel.Reader;

        public void Dispose() => owner.Remove(channel);
    }
}
