using System.Threading.Channels;
using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Gateway.LiveStats;

/// <summary>
/// Live counts for this gateway's event streams. A place with at least one open stream has exactly one feed: one
/// observer subscribed to the place grain, fanned out in-process to every stream of that place. So a place is told
/// about each gateway once, not about each reader, and no grain ever holds the readers' connections. The last stream
/// of a place to close unsubscribes it; <see cref="PlaceStatsRenewal"/> renews the subscriptions before they expire.
/// </summary>
public sealed partial class PlaceStatsHub(IGrainFactory grains, ILogger<PlaceStatsHub> logger)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, PlaceStatsFeed> _feeds = new(StringComparer.Ordinal);

    /// <summary>Whether this gateway streams the place's counts now (to at least one reader).</summary>
    public bool Follows(string placeId)
    {
        lock (_gate)
        {
            return _feeds.ContainsKey(placeId);
        }
    }

    /// <summary>
    /// Opens a stream of a place's counts (the current ones first, then every change), or null when the place does
    /// not exist. Dispose the stream when the reader leaves.
    /// </summary>
    public async Task<PlaceStatsStream?> OpenAsync(string placeId, CancellationToken cancellationToken)
    {
        PlaceStatsFeed feed;
        Channel<PlaceStats> connection;
        var isNew = false;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(placeId, out feed!))
            {
                feed = new PlaceStatsFeed(placeId);
                _feeds.Add(placeId, feed);
                isNew = true;
            }

            connection = feed.Connect();
        }

        var stream = new PlaceStatsStream(connection.Reader, () => Close(feed, connection));
        try
        {
            if (isNew)
            {
                _ = SubscribeAsync(feed);
            }

            if (await feed.Subscribed.Task.WaitAsync(cancellationToken))
            {
                return stream;
            }
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        stream.Dispose();
        return null;
    }

    /// <summary>Subscribes every feed again, before the places forget them; a feed missed here is retried next time.</summary>
    public async Task RenewAsync()
    {
        List<PlaceStatsFeed> feeds;
        lock (_gate)
        {
            feeds = [.. _feeds.Values.Where(feed => feed.Subscribed.Task is { IsCompletedSuccessfully: true, Result: true })];
        }

        await Task.WhenAll(feeds.Select(async feed =>
        {
            try
            {
                // The answer carries the current counts: whatever a lost or moved place activation missed is caught up.
                if (await Place(feed).SubscribeStatsAsync(feed.Reference!) is { } update)
                {
                    feed.Publish(update);
                }
            }
            catch (Exception ex)
            {
                LogRenewFailed(ex, feed.PlaceId);
            }
        }));
    }

    private async Task SubscribeAsync(PlaceStatsFeed feed)
    {
        VersionedPlaceStats? current;
        try
        {
            feed.Reference = grains.CreateObjectReference<IPlaceStatsObserver>(feed);
            current = await Place(feed).SubscribeStatsAsync(feed.Reference);
        }
        catch (Exception ex)
        {
            // Those waiting get the failure (a 503); the next reader of this place tries again with a new feed.
            Forget(feed);
            feed.Subscribed.TrySetException(ex);
            return;
        }

        if (current is null)
        {
            Forget(feed);
        }
        else
        {
            feed.Publish(current);
        }

        feed.Subscribed.TrySetResult(current is not null);
    }

    private void Close(PlaceStatsFeed feed, Channel<PlaceStats> connection)
    {
        bool wasLast;
        lock (_gate)
        {
            feed.Disconnect(connection);
            wasLast = !feed.HasConnections && _feeds.TryGetValue(feed.PlaceId, out var current) && current == feed;
            if (wasLast)
            {
                _feeds.Remove(feed.PlaceId);
            }
        }

        if (wasLast)
        {
            _ = UnsubscribeAsync(feed);
        }
    }

    /// <summary>Drops a feed that never got subscribed, so the place is asked again next time.</summary>
    private void Forget(PlaceStatsFeed feed)
    {
        lock (_gate)
        {
            if (_feeds.TryGetValue(feed.PlaceId, out var current) && current == feed)
            {
                _feeds.Remove(feed.PlaceId);
            }
        }

        if (feed.Reference is { } reference)
        {
            grains.DeleteObjectReference<IPlaceStatsObserver>(reference);
        }
    }

    private async Task UnsubscribeAsync(PlaceStatsFeed feed)
    {
        try
        {
            if (!await feed.Subscribed.Task)
            {
                return;
            }
        }
        catch
        {
            // Never subscribed: Forget cleaned up already.
            return;
        }

        try
        {
            await Place(feed).UnsubscribeStatsAsync(feed.Reference!);
        }
        catch (Exception ex)
        {
            // The place forgets the observer when it is not renewed; nothing else depends on this call.
            LogUnsubscribeFailed(ex, feed.PlaceId);
        }
        finally
        {
            grains.DeleteObjectReference<IPlaceStatsObserver>(feed.Reference!);
        }
    }

    private IPlaceGrain Place(PlaceStatsFeed feed) => grains.GetGrain<IPlaceGrain>(feed.PlaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the live counts of place {PlaceId} failed; retrying at the next renewal.")]
    private partial void LogRenewFailed(Exception exception, string placeId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unsubscribing from the live counts of place {PlaceId} failed; the place forgets it when it is not renewed.")]
    private partial void LogUnsubscribeFailed(Exception exception, string placeId);
}
