using System.ComponentModel.DataAnnotations;

namespace AtlasGrains.Gateway.Places;

/// <summary>How place pages are cached in the gateway ("PlacePages" in configuration; see <see cref="PlacePageCache"/>).</summary>
public sealed class PlacePageOptions
{
    /// <summary>
    /// How long a place's view may be served from the cache: the most a change that did not come through this gateway
    /// (another gateway's mark, a list's deletion, a delivery retried after a failure) can take to show. Zero turns
    /// the cache off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most places kept at once; beyond it the cache drops some until a tenth is free again.</summary>
    [Range(1, 10_000_000)]
    public int MaxPages { get; set; } = 100_000;
}
