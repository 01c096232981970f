namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Reads many places' cards in one call from outside the cluster (a list of 1,000 items), as the discovery views
/// know them: facts and counts within about a second of the places' own.
/// </summary>
[Alias("AtlasGrains.IPlaceSummariesGrain")]
public interface IPlaceSummariesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// The cards of the places, among <paramref name="placeIds"/>, whose facts are newer or whose counts differ from
    /// what the caller <paramref name="held"/> (one entry a place), and of those that do not exist (as null). A card
    /// carries facts only where the place's are newer than the caller's: a list's places are mostly the same from one
    /// answer to the next, and most of their counts too.
    /// </summary>
    [Alias("GetCardChangesAsync")] Task<PlaceCardChanges> GetCardChangesAsync(string[] placeIds, HeldPlaceCards held);

    /// <summary>
    /// As <see cref="GetCardChangesAsync"/>, the ids in one string (<see cref="PlaceIdList"/>): what a list's answer
    /// asks with, 1,000 ids with every add to a long list.
    /// </summary>
    [Alias("GetCardChangesOfAsync")] Task<PlaceCardChanges> GetCardChangesOfAsync(PlaceIdList placeIds, HeldPlaceCards held);
}
