namespace AtlasGrains.Abstractions.Discovery;

/// <summary>A place and its great-circle distance from where the reader stands.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.NearbyPlace")]
public sealed record NearbyPlace([property: Id(0)] PlaceSummary Place, [property: Id(1)] double DistanceKm);
