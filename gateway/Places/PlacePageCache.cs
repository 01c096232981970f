using System.Collections.Concurrent;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// The place pages this gateway answered lately, kept so that a read of a place page needs no call to the silo
/// (bench/README.md, S3). A copy is fetched with <see cref="IPlaceGrain.GetAndFollowAsync"/>, which subscribes this
/// gateway to the place; the place tells it whenever the page may have changed, and the copy is dropped.
/// <list type="bullet">
/// <item>Changes made through this gateway drop their places' copies themselves before they answer
/// (<see cref="Forget"/>), so a client always reads its own writes; the place's notice may come after the answer.</item>
/// <item>A notice drops the copy from the table; a fetch in flight then fills the dropped copy, which nobody reads, so
/// a page fetched before a change can never be kept after the change's notice.</item>
/// <item>Losing the connection to a silo drops every copy (<see cref="ForgetAll"/>): its places' next activations
/// elsewhere won't know this gateway. Every copy is asked again after <see cref="PlacePagesOptions.Lifetime"/>
/// anyway, which bounds what any unforeseen loss of a notice could cost.</item>
/// </list>
/// </summary>
public sealed class PlacePageCache : IPlacePageObserver
{
    private readonly ConcurrentDictionary<string, KeptPage> _pages = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly PlacePagesOptions _options;
    private readonly long _lifetimeTicks;
    private readonly Lazy<IPlacePageObserver> _reference;
    private int _count;
    private int _trimming;

    public PlacePageCache(IGrainFactory grains, TimeProvider time, IOptions<PlacePagesOptions> options)
    {
        _grains = grains;
        _time = time;
        _options = options.Value;
        _lifetimeTicks = (long)(_options.Lifetime.TotalSeconds * time.TimestampFrequency);
        // One reference for all places: notices name their place.
        _reference = new(() => grains.CreateObjectReference<IPlacePageObserver>(this));
    }

    /// <summary>How many places' pages are kept now.</summary>
    public int Count => _pages.Count;

    /// <summary>Whether a current copy of the place's page is kept (what the next read would answer from).</summary>
    public bool Holds(string placeId) =>
        _pages.TryGetValue(placeId, out var kept) && kept.Page is { } page && _time.GetTimestamp() < page.FreshUntil;

    /// <summary>The place's page, from a current copy if there is one; null when the place does not exist.</summary>
    public async Task<PlaceResponse?> GetAsync(string placeId)
    {
        if (_lifetimeTicks == 0)
        {
            return await _grains.GetGrain<IPlaceGrain>(placeId).GetAsync() is { } view ? PlaceResponse.From(view) : null;
        }

        var kept = Find(placeId);
        var startedAt = _time.GetTimestamp();
        if (kept.Page is { } page && startedAt < page.FreshUntil)
        {
            return page.Response;
        }

        var fetched = await _grains.GetGrain<IPlaceGrain>(placeId).GetAndFollowAsync(_reference.Value);
        if (fetched is null)
        {
            // Unknown places are not kept: a scan of made-up ids must not fill the table.
            Remove(placeId, kept);
            return null;
        }

        var response = PlaceResponse.From(fetched);
        // Fresh from when it was asked for: a notice for a change after that drops it.
        kept.Page = new KeptPage.Copy(response, startedAt + _lifetimeTicks);
        return response;
    }

    /// <summary>Drops the place's copy: called by changes made through this gateway before they answer.</summary>
    public void Forget(string placeId)
    {
        if (_pages.TryRemove(placeId, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops every copy: the connection to a silo was lost, and the notices of its places with it.</summary>
    public void ForgetAll()
    {
        _pages.Clear();
        Volatile.Write(ref _count, 0);
    }

    Task IPlacePageObserver.PlaceChanged(string placeId)
    {
        Forget(placeId);
        return Task.CompletedTask;
    }

    private KeptPage Find(string placeId)
    {
        while (true)
        {
            if (_pages.TryGetValue(placeId, out var kept))
            {
                return kept;
            }

            // Added only if nobody added one meanwhile, so a place has one entry and every notice finds it.
            var created = new KeptPage();
            if (_pages.TryAdd(placeId, created))
            {
                if (Interlocked.Increment(ref _count) > _options.MaxPlaces)
                {
                    Trim();
                }

                return created;
            }
        }
    }

    private void Remove(string placeId, KeptPage kept)
    {
        if (_pages.TryRemove(new KeyValuePair<string, KeptPage>(placeId, kept)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    /// <summary>Drops stale copies, then others in the table's own order (no order worth keeping), to 90% of the limit.</summary>
    private void Trim()
    {
        if (Interlocked.Exchange(ref _trimming, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _time.GetTimestamp();
            var target = _options.MaxPlaces * 9L / 10;
            foreach (var (placeId, kept) in _pages)
            {
                if (kept.Page is { } page && now >= page.FreshUntil)
                {
                    Remove(placeId, kept);
                }
            }

            foreach (var (placeId, kept) in _pages)
            {
                if (_pages.Count <= target)
                {
                    break;
                }

                Remove(placeId, kept);
            }

            Volatile.Write(ref _count, _pages.Count);
        }
        finally
        {
            Volatile.Write(ref _trimming, 0);
        }
    }

    /// <summary>A place's entry: the copy, once a fetch filled it.</summary>
    private sealed class KeptPage
    {
        public volatile Copy? Page;

        public sealed record Copy(PlaceResponse Response, long FreshUntil);
    }
}
