using System.Threading.Channels;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>
/// One place's live counts in this gateway: the grain observer subscribed to the place, and the connections it fans
/// out to. Each connection has a channel that holds only the newest counts, so a slow reader skips to the latest
/// instead of piling up updates (or holding up the others).
/// </summary>
internal sealed class PlaceStatsFeed(string placeId) : IPlaceStatsObserver
{
    private readonly Lock _gate = new();
    private readonly List<Channel<PlaceStats>> _connections = [];
    private VersionedPlaceStats? _latest;

    public string PlaceId => placeId;

    /// <summary>This feed as the place sees it (set once by the hub, before it subscribes).</summary>
    public IPlaceStatsObserver? Reference { get; set; }

    /// <summary>True once the place accepted the subscription; false when the place does not exist.</summary>
    public TaskCompletionSource<bool> Subscribed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool HasConnections
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count > 0;
            }
        }
    }

    /// <summary>A new connection; it gets the newest counts at once when the feed has them already.</summary>
    public Channel<PlaceStats> Connect()
    {
        var channel = Channel.CreateBounded<PlaceStats>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            _connections.Add(channel);
            if (_latest is { } latest)
            {
                channel.Writer.TryWrite(latest.Stats);
            }
        }

        return channel;
    }

    public void Disconnect(Channel<PlaceStats> connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }

        connection.Writer.TryComplete();
    }

    /// <summary>Passes newer counts on to every connection; an older or same version (a late message) is dropped.</summary>
    public void Publish(VersionedPlaceStats update)
    {
        lock (_gate)
        {
            if (_latest is { } latest && update.Version <= latest.Version)
            {
                return;
            }

            var changed = _latest?.Stats != update.Stats;
            _latest = update;
            if (changed)
            {
                _connections.ForEach(connection => connection.Writer.TryWrite(update.Stats));
            }
        }
    }

    Task IPlaceStatsObserver.StatsChanged(VersionedPlaceStats update)
    {
        Publish(update);
        return Task.CompletedTask;
    }
}
