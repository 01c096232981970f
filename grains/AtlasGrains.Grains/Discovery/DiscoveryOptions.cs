using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Grains.Discovery;

/// <summary>How quickly the discovery views follow changes ("Discovery" section). The defaults keep them within about a second.</summary>
public sealed class DiscoveryOptions
{
    /// <summary>How often each silo asks every catalog shard for changes.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Discovery:FollowPeriod must be from 50 ms to 1 minute.")]
    public TimeSpan FollowPeriod { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How long a silo's stats aggregator collects counts before sending them to the catalog shards.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Discovery:AggregationPeriod must be from 50 ms to 1 minute.")]
    public TimeSpan AggregationPeriod { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often a catalog shard stores the counts it received into the catalog table (in batches). The table's counts
    /// serve only a silo that loads a shard from it, and the shard's feed replays to that silo every change since its
    /// last flush, so a long period costs no freshness; it writes each place's row once per period however many marks
    /// the place got (every 2 s, uniform marks wrote about a row per mark; every 30 s, each of 10,000 places marked every
    /// few seconds still cost a merge per period, a twelfth of Azurite's CPU under uniform marks). A shard also stores
    /// early once half its feed holds changes the table lacks. What a shard's crash loses is counts for the rankings of
    /// silos that load after it, until each place's next change.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00", ErrorMessage = "Discovery:StatsFlushPeriod must be from 100 ms to 10 minutes.")]
    public TimeSpan StatsFlushPeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each silo reloads every shard from the table anyway: catches a publication a crash interrupted.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Discovery:FullReloadPeriod must be from 10 seconds to 1 day.")]
    public TimeSpan FullReloadPeriod { get; set; } = TimeSpan.FromMinutes(10);
}
