using System.Collections.Concurrent;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// The entries of <see cref="PlacePageCache"/>, one per place, bounded by about how much memory their copies hold
/// (<see cref="PlacePagesOptions.MaxBytes"/>). Pages are bounded by bytes, not by count (<see cref="PlacePageSize"/>).
/// </summary>
internal sealed class PlacePageTable(TimeProvider time, long maxBytes)
{
    private readonly ConcurrentDictionary<string, KeptPlacePage> _entries = new(StringComparer.Ordinal);

    /// <summary>About the bytes the copies hold; kept exactly only by <see cref="Trim"/>, which recounts them.</summary>
    private long _bytes;
    private int _trimming;

    public int Count => _entries.Count;

    public long Bytes => Volatile.Read(ref _bytes);

    public bool TryGet(string placeId, out KeptPlacePage kept) => _entries.TryGetValue(placeId, out kept!);

    /// <summary>The place's entry, made if it has none.</summary>
    public KeptPlacePage Find(string placeId)
    {
        while (true)
        {
            if (_entries.TryGetValue(placeId, out var kept))
            {
                return kept;
            }

            // Added only if nobody added one meanwhile, so a place has one entry and every notice finds it.
            var created = new KeptPlacePage();
            if (_entries.TryAdd(placeId, created))
            {
                return created;
            }
        }
    }

    /// <summary>Puts a fetched copy in its entry (whether or not the entry is still in the table), then keeps to the limit.</summary>
    public void Fill(KeptPlacePage kept, KeptPlacePage.Copy copy)
    {
        var replaced = Interlocked.Exchange(ref kept.Page, copy);
        if (Interlocked.Add(ref _bytes, copy.Bytes - (replaced?.Bytes ?? 0)) > maxBytes)
        {
            Trim();
        }
    }

    /// <summary>Drops the place's entry, whichever it is.</summary>
    public void Remove(string placeId)
    {
        if (_entries.TryRemove(placeId, out var kept))
        {
            Uncount(kept);
        }
    }

    /// <summary>Drops the place's entry if it is still this one.</summary>
    public void Remove(string placeId, KeptPlacePage kept)
    {
        if (_entries.TryRemove(new KeyValuePair<string, KeptPlacePage>(placeId, kept)))
        {
            Uncount(kept);
        }
    }

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _bytes, 0);
    }

    private void Uncount(KeptPlacePage kept) => Interlocked.Add(ref _bytes, -(Volatile.Read(ref kept.Page)?.Bytes ?? 0));

    /// <summary>
    /// Drops stale copies, then others in the table's own order (no order worth keeping), to 90% of the limit, and
    /// recounts the bytes: a copy filled after its entry was dropped was counted but is held by nobody.
    /// </summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var now = time.GetTimestamp();
            var target = maxBytes * 9 / 10;
            var bytes = 0L;
            foreach (var (placeId, kept) in _entries)
            {
                if (Volatile.Read(ref kept.Page) is not { } page)
                {
                    continue;
                }

                if (now >= page.FreshUntil || bytes + page.Bytes > target)
                {
                    _entries.TryRemove(new KeyValuePair<string, KeptPlacePage>(placeId, kept));
                }
                else
                {
                    bytes += page.Bytes;
                }
            }

            Volatile.Write(ref _bytes, bytes);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }
}
