namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// A place's counts with a version that grows with every change, also across activations, so an observer can
/// drop an update that arrives after a newer one (notifications and subscription answers may overtake each other).
/// </summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.VersionedPlaceStats")]
public sealed record VersionedPlaceStats(
    [property: Id(0)] PlaceStats Stats,
    [property: Id(1)] long Version);
