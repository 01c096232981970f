using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Grains.Discovery.Index;
using Orleans.Concurrency;

namespace AtlasGrains.Grains.Places;

/// <summary>
/// Local to the silo the call lands on, and on every silo, so no single activation carries every list read.
/// Summaries come from the silo's <see cref="PlaceIndex"/>, like every other view's: a list of 1,000 items then costs
/// 1,000 dictionary reads instead of 1,000 grain calls, and its counts lag the places' by what the views' lag (about a
/// second). Only a place the index doesn't know yet (just added, or a silo still loading) is asked for itself.
/// </summary>
[GrainType("place-summaries")]
[StatelessWorker]
public sealed class PlaceSummariesGrain(PlaceIndex index) : Grain, IPlaceSummariesGrain
{
    public async Task<PlaceCardChanges> GetCardChangesAsync(string[] placeIds, HeldPlaceCards held)
    {
        if (!held.Describes(placeIds.Length))
        {
            throw new ArgumentException($"What is held of {held.Length} places, for {placeIds.Length} places.", nameof(held));
        }

        var summaries = await FindAsync(placeIds);
        var (changed, cards) = (new List<int>(), new List<PlaceCard?>());
        for (var i = 0; i < placeIds.Length; i++)
        {
            if (summaries[i] is { } summary && held.HasCurrent(i, summary.UpdatedAt, summary.Stats))
            {
                continue;
            }

            changed.Add(i);
            cards.Add(summaries[i] is { } found ? PlaceCard.From(found, held.UpdatedAt(i)) : null);
        }

        return new PlaceCardChanges([.. changed], [.. cards]);
    }

    private async Task<PlaceSummary?[]> FindAsync(string[] placeIds)
    {
        var known = index.Loaded.IsCompleted ? index.Find(placeIds) : new PlaceSummary?[placeIds.Length];
        var unknown = Enumerable.Range(0, placeIds.Length).Where(at => known[at] is null).ToArray();
        var asked = await Task.WhenAll(unknown.Select(at => GrainFactory.GetGrain<IPlaceGrain>(placeIds[at]).GetSummaryAsync()));
        for (var i = 0; i < unknown.Length; i++)
        {
            known[unknown[i]] = asked[i];
        }

        return known;
    }
}
