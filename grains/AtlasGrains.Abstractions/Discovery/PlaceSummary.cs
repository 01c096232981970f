using AtlasGrains.Abstractions.Places;

namespace AtlasGrains.Abstractions.Discovery;

/// <summary>What the discovery views know of a place: the facts they sort, filter and search on, and its counts.</summary>
/// <param name="UpdatedAt">The facts' version: an index keeps the newest it has seen.</param>
// Sent by the thousand (a list's items, a view's places) and never cyclic: tracking references would cost a
// dictionary entry per object for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.PlaceSummary")]
public sealed record PlaceSummary(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string Subtitle,
    [property: Id(3)] string City,
    [property: Id(4)] string Country,
    [property: Id(5)] string Continent,
    [property: Id(6)] GeoLocation Location,
    [property: Id(7)] string[] Tags,
    [property: Id(8)] DateTimeOffset PublishedAt,
    [property: Id(9)] DateTimeOffset UpdatedAt,
    [property: Id(10)] PlaceStats Stats)
{
    /// <summary>Popularity: how many readers have been there or want to go.</summary>
    public long Popularity => (long)Stats.BeenHere + Stats.WantToGo;
}
