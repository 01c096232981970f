using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Logging;
using Orleans.Utilities;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// Live counts for readers: gateways subscribe one observer per place they stream and renew it well within
/// <see cref="ObserverLifetime"/>; after each commit that changed the counts the place tells its observers, one-way.
/// Observers live in memory only: after a deactivation the gateways' next renewal subscribes them again.
/// </summary>
public sealed partial class PlaceGrain
{
    /// <summary>Gateways renew every 30 s, so a gateway that went away is forgotten within two minutes.</summary>
    private static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(2);

    private ObserverManager<IPlaceStatsObserver>? _statsObservers;
    private VersionedPlaceStats? _statsVersioned;
    private VersionedPlaceStats? _statsAnnounced;

    public Task<VersionedPlaceStats?> SubscribeStatsAsync(IPlaceStatsObserver observer)
    {
        if (!Exists)
        {
            return Task.FromResult<VersionedPlaceStats?>(null);
        }

        _statsObservers ??= new ObserverManager<IPlaceStatsObserver>(ObserverLifetime, logger);
        _statsObservers.Subscribe(observer, observer);
        return Task.FromResult<VersionedPlaceStats?>(VersionedStats());
    }

    public Task UnsubscribeStatsAsync(IPlaceStatsObserver observer)
    {
        _statsObservers?.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Tells the observers about committed counts they have not been told yet. Runs after the commit, so it can
    /// never undo or fail a change: one-way calls don't wait for the gateways, and a failure is only logged.
    /// </summary>
    private void AnnounceStats()
    {
        if (_statsObservers is not { Count: > 0 } observers)
        {
            return;
        }

        try
        {
            var update = VersionedStats();
            if (update == _statsAnnounced)
            {
                // Callers group-committed together each come here; the first one told everybody.
                return;
            }

            _statsAnnounced = update;
            observers.Notify(observer => observer.StatsChanged(update).Ignore());
        }
        catch (Exception ex)
        {
            LogAnnounceFailed(ex, PlaceId);
        }
    }

    /// <summary>The counts now, with a version that grows whenever they changed since the last look.</summary>
    private VersionedPlaceStats VersionedStats()
    {
        var stats = _relations.Counts.ToPlaceStats();
        if (_statsVersioned?.Stats != stats)
        {
            // Wall-clock ticks, kept strictly increasing: a later activation (after a crash or a move) starts
            // above the versions its predecessor gave out, without storing anything.
            var version = Math.Max((_statsVersioned?.Version ?? 0) + 1, DateTime.UtcNow.Ticks);
            _statsVersioned = new VersionedPlaceStats(stats, version);
        }

        return _statsVersioned;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Telling observers of place {PlaceId} about its counts failed.")]
    private partial void LogAnnounceFailed(Exception exception, string placeId);
}
