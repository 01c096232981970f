namespace AtlasGrains.Abstractions.Places;

[GenerateSerializer, Immutable, Alias("AtlasGrains.GeoLocation")]
public sealed record GeoLocation(
    [property: Id(0)] double Latitude,
    [property: Id(1)] double Longitude);
