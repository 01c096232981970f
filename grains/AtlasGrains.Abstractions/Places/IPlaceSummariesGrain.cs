using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Reads many places' summaries in one call from outside the cluster (a list of 1,000 items), as the discovery views
/// know them: facts and counts within about a second of the places' own.
/// </summary>
[Alias("AtlasGrains.IPlaceSummariesGrain")]
public interface IPlaceSummariesGrain : IGrainWithIntegerKey
{
    /// <summary>Each place's summary, in the order asked, null where a place does not exist.</summary>
    [Alias("GetAsync")] Task<PlaceSummary?[]> GetAsync(string[] placeIds);
}
