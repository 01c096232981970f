using AtlasGrains.Abstractions.Places;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// Place pages are the most read thing the API serves, so the gateway keeps each place's view for up to
/// <see cref="PlacePageOptions.MaxAge"/> (1 s): a page read again within that time costs no call to its place. A
/// change made through this gateway (a mark, an edit, a list item added or removed) evicts the place's view once the
/// place has taken it, so its author reads it at once; any other change shows within the max age. Only places that
/// exist are kept, so a 404 never outlives a place's creation. docs/design.md, "Place pages".
/// <para>
/// The views are kept as objects, not as answers: ASP.NET Core's output cache, tried first, stores each answer
/// serialized with its headers and parses it back on every hit, and at the hit rate of a one-second cache over
/// 10,000 places that cost the gateway more CPU per read than the calls it saved (bench/README.md, S3).
/// </para>
/// </summary>
public sealed class PlacePageCache(IGrainFactory grains, IOptionsMonitor<PlacePageOptions> options) : IDisposable
{
    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = options.CurrentValue.MaxPages });

    /// <summary>The place's view, from the cache when it is younger than the max age; null when there is no such place.</summary>
    public async Task<PlaceView?> GetAsync(string placeId)
    {
        var maxAge = options.CurrentValue.MaxAge;
        if (maxAge > TimeSpan.Zero && _views.TryGetValue(placeId, out PlaceView? cached))
        {
            return cached;
        }

        var view = await grains.GetGrain<IPlaceGrain>(placeId).GetAsync();
        if (view is not null && maxAge > TimeSpan.Zero)
        {
            _views.Set(placeId, view, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = maxAge, Size = 1 });
        }

        return view;
    }

    /// <summary>
    /// Drops the place's view: call it after a change through this gateway reached the place. A read that was already
    /// under way may still store the view from just before the change, for at most the max age.
    /// </summary>
    public void Evict(string placeId) => _views.Remove(placeId);

    public void Dispose() => _views.Dispose();
}
