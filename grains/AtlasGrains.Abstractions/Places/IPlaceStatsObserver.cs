using Orleans.Concurrency;

namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Told by a place when its counts change (one-way: a slow or vanished observer never holds up a mark).
/// A gateway keeps one per place it streams live counts of, and renews the subscription periodically.
/// </summary>
[Alias("AtlasGrains.IPlaceStatsObserver")]
public interface IPlaceStatsObserver : IGrainObserver
{
    /// <summary>The place's counts after a commit changed them.</summary>
    [OneWay, Alias("StatsChanged")] Task StatsChanged(VersionedPlaceStats update);
}
