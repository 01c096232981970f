using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Abstractions.Discovery;

/// <summary>A place's counts as of some moment, on their way to the rankings.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceStatsUpdate")]
public sealed record PlaceStatsUpdate([property: Id(0)] string PlaceId, [property: Id(1)] PlaceStats Stats);
