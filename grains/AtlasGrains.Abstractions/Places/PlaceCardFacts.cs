using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Abstractions.Places;

/// <summary>What a list shows of a place besides its id and counts; they change only when the place is edited.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.PlaceCardFacts")]
public sealed record PlaceCardFacts(
    [property: Id(0)] string Name,
    [property: Id(1)] string Subtitle,
    [property: Id(2)] string City,
    [property: Id(3)] string Country,
    [property: Id(4)] GeoLocation Location)
{
    public static PlaceCardFacts From(PlaceSummary place) => new(place.Name, place.Subtitle, place.City, place.Country, place.Location);
}
