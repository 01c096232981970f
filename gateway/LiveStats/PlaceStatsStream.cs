using System.Threading.Channels;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>One reader's stream of a place's counts; disposing it tells the hub the reader left.</summary>
public sealed class PlaceStatsStream(ChannelReader<PlaceStats> updates, Action close) : IDisposable
{
    private int _closed;

    /// <summary>The current counts first, then each change; completes when the gateway stops.</summary>
    public ChannelReader<PlaceStats> Updates => updates;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 0)
        {
            close();
        }
    }
}
