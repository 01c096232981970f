using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// A place as a list shows it, as the discovery views know it: its counts, which change with every mark, and its facts
/// (the API's PlaceSummary less its id and counts), which change only when the place is edited (<see cref="UpdatedAt"/>).
/// <see cref="Facts"/> is null when the caller said it holds facts as new (<see cref="IPlaceSummariesGrain"/>).
/// </summary>
// Sent by the thousand (a list's items) and never cyclic: tracking references would cost a dictionary entry per object
// for nothing (SuppressReferenceTracking).
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("AtlasGrains.PlaceCard.v2")]
public sealed record PlaceCard(
    [property: Id(0)] DateTimeOffset UpdatedAt,
    [property: Id(1)] PlaceStats Stats,
    [property: Id(2)] PlaceCardFacts? Facts)
{
    /// <summary>
    /// The card of <paramref name="place"/>, with its facts if they are newer than <paramref name="knownUpdatedAt"/>, and
    /// always when the caller holds none (<see cref="DateTimeOffset.MinValue"/>), even for a place whose time was never set.
    /// </summary>
    public static PlaceCard From(PlaceSummary place, DateTimeOffset knownUpdatedAt) =>
        new(place.UpdatedAt, place.Stats, place.UpdatedAt > knownUpdatedAt || knownUpdatedAt == DateTimeOffset.MinValue ? PlaceCardFacts.From(place) : null);
}
