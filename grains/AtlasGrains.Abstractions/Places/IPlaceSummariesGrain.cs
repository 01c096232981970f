namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Reads many places' cards in one call from outside the cluster (a list of 1,000 items), as the discovery views
/// know them: facts and counts within about a second of the places' own.
/// </summary>
[Alias("AtlasGrains.IPlaceSummariesGrain")]
public interface IPlaceSummariesGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Each place's card, in the order asked, null where a place does not exist. The caller says, for each place, how
    /// new the facts it already holds are (<paramref name="knownUpdatedAt"/>, the same length as
    /// <paramref name="placeIds"/>; <see cref="DateTimeOffset.MinValue"/> for none), and gets facts only where the
    /// place's are newer: a list's places are mostly the same from one answer to the next, their counts not.
    /// </summary>
    [Alias("GetCardsAsync.v2")] Task<PlaceCard?[]> GetCardsAsync(string[] placeIds, DateTimeOffset[] knownUpdatedAt);
}
