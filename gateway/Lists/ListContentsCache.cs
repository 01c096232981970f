using AtlasGrains.Abstractions.Lists;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace AtlasGrains.Gateway.Lists;

/// <summary>
/// The contents the gateway last received of each list, so that the list grain sends only the items added since
/// (<see cref="ListRevision"/>). Every add to a list answers with the whole list (API.md): without this copy an add to a
/// list of 1,000 items carried 1,000 items from the silo to the gateway.
/// </summary>
/// <remarks>
/// A copy is never shown as it is: the grain decides from the revision named which of its items still stand, and
/// answers the rest, so an answer is always the grain's current contents.
/// </remarks>
public sealed partial class ListContentsCache(IGrainFactory grains, ILogger<ListContentsCache> logger) : IDisposable
{
    /// <summary>About 150 bytes an item with its ids and the cache's share (30 MB at most); least recently read go first.</summary>
    private const int MaxItemsKept = 200_000;

    private readonly MemoryCache _kept = new(new MemoryCacheOptions { SizeLimit = MaxItemsKept });

    /// <summary>The list's contents (every item), or null where the grain has none.</summary>
    public async Task<ListContents?> GetAsync(string listId)
    {
        var held = Held(listId);
        return await CompleteAsync(listId, held, await List(listId).GetContentsAsync(held?.Revision ?? ListRevision.None));
    }

    /// <summary>The contents held of <paramref name="listId"/>, to name its revision in a call to the list grain.</summary>
    public ListContents? Held(string listId) => _kept.TryGetValue(listId, out ListContents? held) ? held : null;

    /// <summary>
    /// Every item of <paramref name="answer"/>, which the list grain gave a caller holding <paramref name="held"/>;
    /// kept for the next call.
    /// </summary>
    public async Task<ListContents?> CompleteAsync(string listId, ListContents? held, ListContents? answer)
    {
        if (answer is null)
        {
            _kept.Remove(listId);
            return null;
        }

        if (answer.KeptItemCount > 0 && (held is null || held.Items.Length != answer.KeptItemCount))
        {
            // Never expected: the grain counted from the revision this copy named. Rather than show a list that may be
            // wrong, drop the copy and ask for every item.
            LogCopyDisagreed(listId, answer.KeptItemCount, held?.Items.Length ?? 0);
            _kept.Remove(listId);
            answer = await List(listId).GetContentsAsync(ListRevision.None);
            if (answer is null)
            {
                return null;
            }
        }

        var contents = answer.KeptItemCount == 0 ? answer : answer with
        {
            Items = [.. held!.Items, .. answer.Items],
            KeptItemCount = 0,
        };
        _kept.Set(listId, contents, new MemoryCacheEntryOptions { Size = Math.Max(1, contents.Items.Length) });
        return contents;
    }

    public void Dispose() => _kept.Dispose();

    private IListGrain List(string listId) => grains.GetGrain<IListGrain>(listId);

    [LoggerMessage(Level = LogLevel.Error, Message = "List {ListId} answered {Kept} items as held by the gateway, which holds {Held}; read it whole")]
    private partial void LogCopyDisagreed(string listId, int kept, int held);
}
