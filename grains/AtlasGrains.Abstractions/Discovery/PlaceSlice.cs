namespace AtlasGrains.Abstractions.Discovery;

/// <summary>A page of places in a view's order, and where the next page starts (null at the end).</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceSlice")]
public sealed record PlaceSlice([property: Id(0)] PlaceSummary[] Items, [property: Id(1)] PagePosition? Next);
