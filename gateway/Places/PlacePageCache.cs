using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace AtlasGrains.Gateway.Places;

/// <summary>
/// Place pages are the most read thing the API serves, so the gateway keeps each one for up to
/// <see cref="PlacePageOptions.MaxAge"/> (1 s) in ASP.NET Core's output cache: a page read again within that time
/// costs no call to its place and no JSON. A change made through this gateway (a mark, an edit, a list item added or
/// removed) evicts the place's page once the place has taken it, so its author reads it at once; any other change
/// shows within the max age. docs/design.md, "Place pages".
/// </summary>
public static class PlacePageCache
{
    public const string Policy = "place-page";

    public static IServiceCollection AddAtlasPlacePageCache(this IServiceCollection services)
    {
        services.AddOptions<PlacePageOptions>().BindConfiguration("PlacePages").ValidateDataAnnotations().ValidateOnStart();
        // Place ids are lower case; "/api/places/FOO" is a 404 and must not be answered with foo's page.
        services.AddOutputCache(options => options.UseCaseSensitivePaths = true);
        services.AddOptions<OutputCacheOptions>().Configure<IOptionsMonitor<PlacePageOptions>>(
            (options, pages) => options.AddPolicy(Policy, new PlacePagePolicy(pages)));
        return services;
    }

    public static string Tag(string placeId) => $"place:{placeId}";

    /// <summary>Drops the place's cached page: call it after a change through this gateway reached the place.</summary>
    public static ValueTask EvictAsync(this IOutputCacheStore cache, string placeId, CancellationToken cancellationToken = default) =>
        cache.EvictByTagAsync(Tag(placeId), cancellationToken);
}
