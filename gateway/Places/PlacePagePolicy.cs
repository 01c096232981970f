using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// The output-cache policy of GET /api/places/{id}. Unlike ASP.NET Core's default policy it caches requests that
/// carry a bearer token too: a place page is the same for every caller (a reader's own marks are
/// GET /api/me/places/{id}). Only 200s are kept, so a 404 never outlives the place's creation; entries vary by
/// Origin, whose CORS headers they carry; and each is tagged with its place, so a change through this gateway can
/// evict it (<see cref="PlacePageCache.EvictAsync"/>).
/// </summary>
internal sealed class PlacePagePolicy(IOptionsMonitor<PlacePageOptions> options) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var maxAge = options.CurrentValue.MaxAge;
        var request = context.HttpContext.Request;
        var cached = maxAge > TimeSpan.Zero && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
        context.EnableOutputCaching = cached;
        context.AllowCacheLookup = cached;
        context.AllowCacheStorage = cached;
        // Concurrent misses of one page wait for the first one's answer instead of each asking the place.
        context.AllowLocking = true;
        context.ResponseExpirationTimeSpan = maxAge;
        context.CacheVaryByRules.HeaderNames = "Origin";
        if (context.HttpContext.GetRouteValue("id") is string placeId)
        {
            context.Tags.Add(PlacePageCache.Tag(placeId));
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellationToken)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || response.Headers.SetCookie.Count > 0)
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
