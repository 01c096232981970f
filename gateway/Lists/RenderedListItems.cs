using AtlasGrains.Abstractions.Lists;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// Each list's items as JSON, kept from its last answer: an item is rendered again only when it, its place's facts or
/// its place's counts changed. Every add to a list answers with the whole list (API.md), and in S4 rendering 1,000
/// items for each add, and looking up each one's place, was most of the gateway's work (bench/findings/lists.md).
/// </summary>
/// <remarks>
/// Nothing is shown from memory alone: every answer asks the silo for every place's counts, and for its facts where
/// they are newer than those kept (<see cref="ListPlaceCards"/>), and compares them with what each item was rendered from.
/// </remarks>
public sealed class RenderedListItems(ListPlaceCards cards, IOptions<HttpJsonOptions> json) : IDisposable
{
    /// <summary>About 400 bytes an item (its JSON and the record), 40 MB at most; least recently read lists go first.</summary>
    private const int MaxItemsKept = 100_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxItemsKept });

    /// <summary>The JSON of each item of <paramref name="listId"/>, whose items are <paramref name="items"/> now.</summary>
    public async Task<byte[][]> RenderAsync(string listId, ListItem[] items)
    {
        var (previous, since) = _kept.TryGetValue(listId, out RenderedItems? kept) ? (kept!.Items, kept.Stamp) : ([], IndexStamp.None);
        var unchanged = new RenderedItem?[items.Length];
        var known = new KeptPlace?[items.Length];
        var knownStats = new PlaceStats?[items.Length];
        for (var i = 0; i < Math.Min(items.Length, previous.Length); i++)
        {
            // Items are compared in place: an add appends, so all but the new item line up with the last answer's.
            if (previous[i].Item.Equals(items[i]))
            {
                unchanged[i] = previous[i];
                (known[i], knownStats[i]) = (previous[i].Facts, previous[i].Stats);
            }
        }

        var (places, stamp) = await cards.GetAsync([.. items.Select(item => item.PlaceId)], known, knownStats, since);
        var rendered = new RenderedItem[items.Length];
        var json = new byte[items.Length][];
        for (var i = 0; i < items.Length; i++)
        {
            var (facts, stats) = (places[i]?.Facts, places[i]?.Stats);
            rendered[i] = unchanged[i] is { } same && ReferenceEquals(same.Facts, facts) && Equals(same.Stats, stats)
                ? same
                : Render(items[i], places[i]);
            json[i] = rendered[i].Json;
        }

        _kept.Set(listId, new RenderedItems(rendered, stamp), new MemoryCacheEntryOptions { Size = Math.Max(1, rendered.Length) });
        return json;
    }

    public void Dispose() => _kept.Dispose();

    private RenderedItem Render(ListItem item, ListedPlace? place) => new(
        item,
        place?.Facts,
        place?.Stats,
        ListJsonWriter.RenderItem(
            new ListItemResponse(item.PlaceId, item.Note, item.AddedAt.UtcDateTime, place?.Response),
            json.Value.SerializerOptions.Encoder));

    /// <summary>A list's items as last rendered, and the stamp of the places' cards they were rendered from.</summary>
    private sealed record RenderedItems(RenderedItem[] Items, IndexStamp Stamp);

    /// <summary>An item's JSON, and what it was rendered from.</summary>
    private sealed record RenderedItem(ListItem Item, KeptPlace? Facts, PlaceStats? Stats, byte[] Json);
}
