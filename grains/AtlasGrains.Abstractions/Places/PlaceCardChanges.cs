namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// The places whose cards differ from what the caller holds (<see cref="HeldPlaceCards"/>): their positions among the
/// ids asked (<see cref="Changed"/>, ascending) and, at the same index, their cards (<see cref="Cards"/>; null where a
/// place does not exist). Every other place's facts and counts are the ones the caller holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceCardChanges")]
public sealed record PlaceCardChanges(
    [property: Id(0)] int[] Changed,
    [property: Id(1)] PlaceCard?[] Cards);
