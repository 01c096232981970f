namespace AtlasGrains.Abstractions.Discovery;

/// <summary>The destination guide of one country: the country and a page of its places.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.DestinationPage")]
public sealed record DestinationPage([property: Id(0)] Destination Destination, [property: Id(1)] PlaceSlice Places);
