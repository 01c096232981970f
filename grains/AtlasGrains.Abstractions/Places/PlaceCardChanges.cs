namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// The places whose cards differ from what the caller holds (<see cref="HeldPlaceCards"/>): their positions among the
/// ids asked (<see cref="Changed"/>, ascending) and, at the same index, their cards (<see cref="Cards"/>; null where a
/// place does not exist). Every other place's facts and counts are the ones the caller holds. <see cref="Stamp"/>: the
/// index's point these cards and the caller's are as of, to be given back with them next time
/// (<see cref="HeldPlaceCards.Since"/>); <see cref="IndexStamp.None"/> when some came from elsewhere than the index.
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceCardChanges")]
public sealed record PlaceCardChanges(
    [property: Id(0)] int[] Changed,
    [property: Id(1)] PlaceCard?[] Cards,
    [property: Id(2)] IndexStamp Stamp);
