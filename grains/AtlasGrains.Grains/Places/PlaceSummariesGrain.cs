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
/// <remarks>
/// A caller that holds what an earlier answer of this index gave (its stamp) has only the places changed since looked
/// up, and those it holds nothing of: a list's client (the gateway) asks about the same 1,000 places with every add
/// to a long list, and those lookups, each a few cache misses in an index of every place, were a fifth of the silo's
/// work in S4 (bench/results/cpu-profile-s4.md). The calls from one client land on one silo while it stays up, so
/// its stamps are this index's.
/// </remarks>
[GrainType("place-summaries")]
[StatelessWorker]
public sealed class PlaceSummariesGrain(PlaceIndex index) : Grain, IPlaceSummariesGrain
{
    public Task<PlaceCardChanges> GetCardChangesAsync(string[] placeIds, HeldPlaceCards held) =>
        GetCardChangesOfAsync(PlaceIdList.Of(placeIds), held);

    public async Task<PlaceCardChanges> GetCardChangesOfAsync(PlaceIdList placeIds, HeldPlaceCards held)
    {
        var count = placeIds.Count;
        if (!held.Describes(count))
        {
            throw new ArgumentException($"What is held of {held.Length} places, for {count} places.", nameof(held));
        }

        // The stamp is taken before any place is read: a change in between is then named again next time, never missed.
        var (stamp, changedSince) = index.Loaded.IsCompleted ? index.ChangesSince(held.Since, count) : (IndexStamp.None, null);
        var (toRead, idsToRead) = ToRead(placeIds, held, changedSince);
        var (summaries, allIndexed) = await FindAsync(idsToRead);
        var (changed, cards) = (new List<int>(), new List<PlaceCard?>());
        for (var read = 0; read < toRead.Count; read++)
        {
            var at = toRead[read];
            if (summaries[read] is { } summary && held.HasCurrent(at, summary.UpdatedAt, summary.Stats))
            {
                continue;
            }

            changed.Add(at);
            cards.Add(summaries[read] is { } found ? PlaceCard.From(found, held.UpdatedAt(at)) : null);
        }

        // A card a place gave itself is not the index's: its later changes can't be named by the index's stamp.
        return new PlaceCardChanges([.. changed], [.. cards], allIndexed ? stamp : IndexStamp.None);
    }

    /// <summary>
    /// The positions of the places to look up, and their ids: every place when the caller's stamp names no changes
    /// (<paramref name="changedSince"/> null), else those it holds nothing of and those changed since. Only those ids
    /// become strings.
    /// </summary>
    private static (List<int> Positions, string[] Ids) ToRead(PlaceIdList placeIds, HeldPlaceCards held, HashSet<string>? changedSince)
    {
        var changed = changedSince?.GetAlternateLookup<ReadOnlySpan<char>>();
        var (positions, ids) = (new List<int>(), new List<string>());
        var at = 0;
        foreach (var range in placeIds.Ranges())
        {
            var id = placeIds.Joined.AsSpan(range);
            if (changed is not { } lookup || !held.Holds(at) || lookup.Contains(id))
            {
                positions.Add(at);
                ids.Add(id.ToString());
            }

            at++;
        }

        return (positions, [.. ids]);
    }

    /// <summary>The places' summaries, and whether the index knew all of them (those it didn't are asked for themselves).</summary>
    private async Task<(PlaceSummary?[] Summaries, bool AllIndexed)> FindAsync(string[] placeIds)
    {
        var known = index.Loaded.IsCompleted ? index.Find(placeIds) : new PlaceSummary?[placeIds.Length];
        var unknown = Enumerable.Range(0, placeIds.Length).Where(at => known[at] is null).ToArray();
        var asked = await Task.WhenAll(unknown.Select(at => GrainFactory.GetGrain<IPlaceGrain>(placeIds[at]).GetSummaryAsync()));
        for (var i = 0; i < unknown.Length; i++)
        {
            known[unknown[i]] = asked[i];
        }

        return (known, unknown.Length == 0);
    }
}
