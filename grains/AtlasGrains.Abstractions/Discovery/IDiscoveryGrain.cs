using AtlasGrains.Abstractions.Places;
using Orleans.Concurrency;

namespace AtlasGrains.Abstractions.Discovery;

/// <summary>
/// The discovery views, answered from the discovery index of the silo the call lands on (a stateless worker:
/// every silo answers locally, no grain sees every request).
/// </summary>
[Alias("AtlasGrains.IDiscoveryGrain")]
public interface IDiscoveryGrain : IGrainWithIntegerKey
{
    /// <summary>The nearest places to <paramref name="center"/>, nearest first, within <paramref name="radiusKm"/> if given.</summary>
    [ReadOnly, Alias("NearestAsync")]
    Task<NearbyPlace[]> NearestAsync(GeoLocation center, double? radiusKm, int limit, string? excludeId);

    /// <summary>Places sharing the most of <paramref name="tags"/>, then the most popular.</summary>
    [ReadOnly, Alias("RelatedAsync")] Task<PlaceSummary[]> RelatedAsync(string placeId, string[] tags, int limit);

    [ReadOnly, Alias("BrowseAsync")] Task<PlaceSlice> BrowseAsync(PlaceOrder order, PagePosition? after, int limit);

    /// <summary>Places with a tag (case-insensitive), most popular first; null when no place has the tag.</summary>
    [ReadOnly, Alias("TaggedAsync")] Task<PlaceSlice?> TaggedAsync(string tag, PagePosition? after, int limit);

    /// <summary>Every country with places, with its continent and place count, by name.</summary>
    [ReadOnly, Alias("DestinationsAsync")] Task<Destination[]> DestinationsAsync();

    /// <summary>One country (case-insensitive) and a page of its places, most popular first; null when it has none.</summary>
    [ReadOnly, Alias("DestinationAsync")]
    Task<DestinationPage?> DestinationAsync(string country, PagePosition? after, int limit);

    /// <summary>A uniformly random place's id; null when there are none.</summary>
    [ReadOnly, Alias("RandomAsync")] Task<string?> RandomAsync();

    /// <summary>Places matching every word of <paramref name="query"/> (whole word or 3+ letter prefix), best first.</summary>
    [ReadOnly, Alias("SearchAsync")] Task<PlaceSummary[]> SearchAsync(string query, int limit);
}
