using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// What a list shows of each of its places: the API's PlaceSummary and nothing more. Slimmer than the index's
/// <see cref="PlaceSummary"/> (no tags, continent or times), because a list of 1,000 items sends 1,000 of them with every add.
/// </summary>
// Sent by the thousand (a list's items, a view's places) and never cyclic: tracking references would cost a
// dictionary entry per object for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.PlaceCard")]
public sealed record PlaceCard(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Subtitle,
    [property: Id(3)] string City,
    [property: Id(4)] string Country,
    [property: Id(5)] GeoLocation Location,
    [property: Id(6)] PlaceStats Stats)
{
    public static PlaceCard From(PlaceSummary place) =>
        new(place.Id, place.Name, place.Subtitle, place.City, place.Country, place.Location, place.Stats);
}
