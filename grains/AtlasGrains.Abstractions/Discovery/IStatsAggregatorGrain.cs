using AtlasGrains.Abstractions.Places;
using Orleans.Concurrency;

namespace AtlasGrains.Abstractions.Discovery;

/// <summary>
/// The first stage of the popularity ranking: one per silo, it keeps the latest counts each local place
/// reported and sends them on to the catalog shards in batches, so a hot place costs the rankings one
/// update per flush, not one per mark.
/// </summary>
[Alias("AtlasGrains.IStatsAggregatorGrain")]
public interface IStatsAggregatorGrain : IGrainWithIntegerKey
{
    [OneWay, Alias("ReportAsync")] Task ReportAsync(string placeId, PlaceStats stats);
}
