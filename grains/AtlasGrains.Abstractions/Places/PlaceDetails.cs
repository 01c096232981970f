namespace AtlasGrains.Abstractions.Places;

/// <summary>The editable facts of a place: everything "Add a Place" and "Make an Edit" can set.</summary>
[GenerateSerializer, Immutable, Alias("AtlasGrains.PlaceDetails")]
public sealed record PlaceDetails
{
    [Id(0)] public required string Name { get; init; }
    [Id(1)] public string Subtitle { get; init; } = "";
    [Id(2)] public string Description { get; init; } = "";
    [Id(3)] public string KnowBeforeYouGo { get; init; } = "";
    [Id(4)] public required GeoLocation Location { get; init; }
    [Id(5)] public string Address { get; init; } = "";
    [Id(6)] public string City { get; init; } = "";
    [Id(7)] public string Region { get; init; } = "";
    [Id(8)] public required string Country { get; init; }
    [Id(9)] public string Continent { get; init; } = "";
    [Id(10)] public string[] Tags { get; init; } = [];
    [Id(11)] public string Website { get; init; } = "";
    [Id(12)] public string[] Sources { get; init; } = [];
}
