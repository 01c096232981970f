namespace AtlasGrains.Abstractions.Places;

/// <summary>A published place with its current counts.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceView")]
public sealed record PlaceView(
    [property: Id(0)] string Id,
    [property: Id(1)] PlaceDetails Details,
    [property: Id(2)] UserRef AddedBy,
    [property: Id(3)] UserRef[] EditedBy,
    [property: Id(4)] DateTimeOffset PublishedAt,
    [property: Id(5)] DateTimeOffset UpdatedAt,
    [property: Id(6)] PlaceStats Stats);
