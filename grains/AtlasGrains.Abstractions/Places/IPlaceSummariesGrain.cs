using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Abstractions.Places;

/// <summary>
/// Reads many places' summaries in one call from outside the cluster (a list of 1,000 items): the fan-out to the
/// place grains then runs inside the silo, instead of as 1,000 round trips from the gateway.
/// </summary>
[Alias("AtlasGrains.IPlaceSummariesGrain")]
public interface IPlaceSummariesGrain : IGrainWithIntegerKey
{
    /// <summary>Each place's current summary, in the order asked, null where a place does not exist.</summary>
    [Alias("GetAsync")] Task<PlaceSummary?[]> GetAsync(string[] placeIds);
}
