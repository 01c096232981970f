using AtlasGrains.Abstractions.Discovery;

namespace AtlasGrains.Grains.Discovery.Index;

/// <summary>
/// Place ids in one view's order, highest key first (a time or a popularity), ties by id; pages continue
/// after a <see cref="PagePosition"/>, so a place moving meanwhile never makes a page repeat or skip the
/// others. Not thread-safe: the <see cref="PlaceIndex"/> guards it.
/// </summary>
internal sealed class RankedPlaces
{
    private static readonly Comparer<(long Key, string Id)> HighestFirst = Comparer<(long Key, string Id)>.Create((a, b) =>
        a.Key != b.Key ? b.Key.CompareTo(a.Key) : string.CompareOrdinal(a.Id, b.Id));

    private readonly SortedSet<(long Key, string Id)> _entries = new(HighestFirst);

    public int Count => _entries.Count;

    public void Add(long key, string id) => _entries.Add((key, id));

    public void Remove(long key, string id) => _entries.Remove((key, id));

    /// <summary>Gives a ranked place a new key (its popularity changed).</summary>
    public void Move(long from, long to, string id)
    {
        if (_entries.Remove((from, id)))
        {
            _entries.Add((to, id));
        }
    }

    public IEnumerable<(long Key, string Id)> InOrder => _entries;

    /// <summary>Up to <paramref name="limit"/> entries after <paramref name="after"/> (from the top when null), and whether more follow.</summary>
    public (List<(long Key, string Id)> Page, bool More) Page(PagePosition? after, int limit)
    {
        IEnumerable<(long Key, string Id)> from = _entries;
        if (after is not null)
        {
            var position = (after.Key, after.Id);
            if (_entries.Count == 0 || HighestFirst.Compare(position, _entries.Max) >= 0)
            {
                return ([], false);
            }

            from = _entries.GetViewBetween(position, _entries.Max).SkipWhile(entry => HighestFirst.Compare(entry, position) <= 0);
        }

        var page = from.Take(limit + 1).ToList();
        var more = page.Count > limit;
        if (more)
        {
            page.RemoveAt(limit);
        }

        return (page, more);
    }
}
