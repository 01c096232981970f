namespace AtlasGrains.Abstractions.Discovery;

/// <summary>One entry of a catalog shard's change feed: new facts of a place, or new counts of a place.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.CatalogChange")]
public sealed record CatalogChange(
    [property: Id(0)] long Position,
    [property: Id(1)] PlaceSummary? Place,
    [property: Id(2)] PlaceStatsUpdate? Stats);
