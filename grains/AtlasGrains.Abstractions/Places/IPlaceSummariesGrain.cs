namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Reads many places' cards in one call from outside the cluster (a list of 1,000 items), as the discovery views
/// know them: facts and counts within about a second of the places' own.
/// </summary>
[Alias("AtlasGrains.IPlaceSummariesGrain")]
public interface IPlaceSummariesGrain : IGrainWithIntegerKey
{
    /// <summary>Each place's card, in the order asked, null where a place does not exist.</summary>
    [Alias("GetCardsAsync")] Task<PlaceCard?[]> GetCardsAsync(string[] placeIds);
}
