using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using Microsoft.Extensions.Caching.Memory;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// The places a list shows, 1,000 of them with every add to a full list (API.md answers an add with the whole list).
/// A place's facts change only when it is edited, its counts with every mark, so the gateway keeps the facts it last
/// received and tells the silo what it holds of each place (the facts' time, the counts last shown): the silo answers
/// only the places that differ, with facts only where they are newer. That spares the silo encoding, and the gateway
/// decoding, a card a place in nearly every answer, which were most of what a long list cost
/// (bench/findings/lists.md). The copy never makes an answer staler than the silo's views: what is held is checked
/// against them with every answer.
/// </summary>
public sealed class ListPlaceCards(IGrainFactory grains) : IDisposable
{
    /// <summary>
    /// About 700 bytes a place with the cache's own entry (67 MiB for 100,000 places of typical lengths, measured on
    /// 5 December); the least recently read go first once this many are kept.
    /// </summary>
    private const int MaxPlacesKept = 100_000;

    private static readonly MemoryCacheEntryOptions OnePlace = new() { Size = 1 };

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxPlacesKept });

    /// <summary>
    /// Each place's facts and counts, in the order asked, null where a place does not exist, and the stamp they are as
    /// of. <paramref name="known"/> and <paramref name="knownStats"/> hold what a caller has already of each place, where
    /// it has it (a list's rendered items), and <paramref name="since"/> the stamp of the answer they came from: the silo
    /// then sends only what changed, and looks up only the places changed since; the facts need no lookup here.
    /// </summary>
    public async Task<(ListedPlace?[] Places, IndexStamp Stamp)> GetAsync(string[] placeIds, KeptPlace?[] known, PlaceStats?[] knownStats, IndexStamp since)
    {
        if (placeIds.Length == 0)
        {
            return ([], IndexStamp.None);
        }

        var knownUpdatedAt = new DateTimeOffset[placeIds.Length];
        for (var i = 0; i < placeIds.Length; i++)
        {
            known[i] ??= _kept.TryGetValue(placeIds[i], out KeptPlace? place) ? place : null;
            knownUpdatedAt[i] = known[i]?.UpdatedAt ?? DateTimeOffset.MinValue;
            knownStats[i] = known[i] is null ? null : knownStats[i];
        }

        var changes = await grains.GetGrain<IPlaceSummariesGrain>(0).GetCardChangesOfAsync(
            PlaceIdList.Of(placeIds), HeldPlaceCards.Of(knownUpdatedAt, knownStats, since));
        var places = new ListedPlace?[placeIds.Length];
        for (var i = 0; i < placeIds.Length; i++)
        {
            // The silo left out exactly the places whose facts and counts are the ones held.
            places[i] = knownStats[i] is { } stats ? new ListedPlace(known[i]!, stats) : null;
        }

        for (var change = 0; change < changes.Changed.Length; change++)
        {
            var i = changes.Changed[change];
            places[i] = changes.Cards[change] is { } card
                ? new ListedPlace(card.Facts is null ? known[i]! : Keep(placeIds[i], card.UpdatedAt, card.Facts), card.Stats)
                : null;
        }

        return (places, changes.Stamp);
    }

    public void Dispose() => _kept.Dispose();

    /// <summary>
    /// Keeps what the silo just sent. Two silos' views may lag differently, so another answer may have kept newer facts
    /// meanwhile; replacing them costs only their fetch again next time, since the silo judges newness by what was sent.
    /// </summary>
    private KeptPlace Keep(string placeId, DateTimeOffset updatedAt, PlaceCardFacts facts)
    {
        var place = new KeptPlace(updatedAt, new PlaceSummaryResponse(
            placeId, facts.Name, facts.Subtitle, facts.City, facts.Country, LocationResponse.From(facts.Location), Zero));
        return _kept.Set(placeId, place, OnePlace);
    }

    /// <summary>A kept place's counts, never shown: every answer puts in the counts the silo just sent.</summary>
    private static readonly PlaceStatsResponse Zero = new(0, 0, 0);
}
