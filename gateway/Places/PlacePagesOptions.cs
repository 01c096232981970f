using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.Places;

/// <summary>The gateway's copies of place pages ("PlacePages" in configuration; <see cref="PlacePageCache"/>).</summary>
public sealed class PlacePagesOptions
{
    /// <summary>
    /// The longest a copy is answered from before the place is asked again, whatever it was told: the bound on
    /// staleness should a place's notice ever not arrive. Places forget a gateway's subscription two minutes after it was
    /// last renewed, and each fetch renews it, so this must stay well below that. Each copy lives a random span between
    /// three quarters of this and all of it, so that copies fetched together don't all expire together. Zero keeps no
    /// copies.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// About how much memory the copies may hold (<see cref="PlacePageSize"/>); past that, some are dropped and fetched
    /// again when read. 64 MiB is 50,000 to 80,000 pages of typical length, or 1,500 of the longest allowed.
    /// </summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>
    /// How often the gateway asks the cluster which silos are active (<see cref="SiloLossWatch"/>): after a silo dies,
    /// a copy may miss changes made through other gateways for about this long after the cluster declares it dead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:10")]
    public TimeSpan SiloWatchPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
