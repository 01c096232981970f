namespace AtlasGrains.Abstractions.Discovery;

/// <summary>A country of the destination guide: its name as stored, its continent and how many places it has.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.Destination")]
public sealed record Destination([property: Id(0)] string Country, [property: Id(1)] string Continent, [property: Id(2)] int PlaceCount);
