using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Discovery.Index;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Discovery;

/// <summary>
/// Answers the discovery views from the <see cref="PlaceIndex"/> of the silo it runs on. A stateless worker: the
/// call is served where it lands, by as many local activations as there are cores, so no grain sees every request.
/// </summary>
[GrainType("discovery")]
[StatelessWorker]
public sealed class DiscoveryGrain(PlaceIndex index) : Grain, IDiscoveryGrain
{
    /// <summary>How long a view waits for a starting silo's index before answering "unavailable" (the caller may retry).</summary>
    private static readonly TimeSpan LoadWait = TimeSpan.FromSeconds(10);

    public async Task<NearbyPlace[]> NearestAsync(GeoLocation center, double? radiusKm, int limit, string? excludeId) =>
        (await Ready()).Nearest(center, radiusKm, limit, excludeId);

    public async Task<PlaceSummary[]> RelatedAsync(string placeId, string[] tags, int limit) =>
        (await Ready()).Related(placeId, tags, limit);

    public async Task<PlaceSlice> BrowseAsync(PlaceOrder order, PagePosition? after, int limit) =>
        (await Ready()).Browse(order, after, limit);

    public async Task<PlaceSlice?> TaggedAsync(string tag, PagePosition? after, int limit) =>
        (await Ready()).Tagged(tag, after, limit);

    public async Task<Destination[]> DestinationsAsync() => (await Ready()).Destinations();

    public async Task<DestinationPage?> DestinationAsync(string country, PagePosition? after, int limit) =>
        (await Ready()).Destination(country, after, limit);

    public async Task<string?> RandomAsync() => (await Ready()).RandomId();

    public async Task<PlaceSummary[]> SearchAsync(string query, int limit) => (await Ready()).Search(query, limit);

    private async ValueTask<PlaceIndex> Ready()
    {
        if (!index.Loaded.IsCompleted)
        {
            await index.Loaded.WaitAsync(LoadWait);
        }

        return index;
    }
}
