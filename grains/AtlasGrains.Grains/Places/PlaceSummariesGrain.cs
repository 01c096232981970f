using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Places;

/// <summary>Local to the silo the call lands on, and on every silo, so no single activation carries every list read.</summary>
[GrainType("place-summaries")]
[StatelessWorker]
public sealed class PlaceSummariesGrain : Grain, IPlaceSummariesGrain
{
    public Task<PlaceSummary?[]> GetAsync(string[] placeIds) =>
        Task.WhenAll(placeIds.Select(placeId => GrainFactory.GetGrain<IPlaceGrain>(placeId).GetSummaryAsync()));
}
