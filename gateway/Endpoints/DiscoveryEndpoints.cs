using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Abstractions.Places;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Discovery;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Paging;
using AtlasGrains.Gateway.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>
/// Finding places: latest and popular, random, nearby, near me and related. Answered by the discovery index of
/// whichever silo the call lands on (<see cref="IDiscoveryGrain"/>), never by asking place grains one by one.
/// </summary>
public static class DiscoveryEndpoints
{
    private const int DefaultNearbyLimit = 3;

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder routes)
    {
        var places = routes.MapGroup("/api/places").WithTags("Discovery");
        places.MapGet("/", Browse);
        places.MapGet("/random", RandomPlace);
        places.MapGet("/near", Near);
        places.MapGet("/{id}/nearby", Nearby);
        places.MapGet("/{id}/related", Related);
        return routes;
    }

    private static async Task<Results<Ok<Page<PlaceSummaryResponse>>, ValidationProblem>> Browse(
        string? sort, string? limit, string? cursor, IGrainFactory grains)
    {
        var query = new DiscoveryQuery();
        var pageSize = query.Limit(limit);
        var after = query.Cursor(cursor);
        PlaceOrder? order = sort?.ToLowerInvariant() switch
        {
            null or "latest" => PlaceOrder.Latest,
            "popular" => PlaceOrder.Popular,
            _ => null,
        };
        if (order is null)
        {
            query.Errors["sort"] = ["sort must be \"latest\" or \"popular\"."];
        }

        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        return TypedResults.Ok(Pages.Of(await Discovery(grains).BrowseAsync(order!.Value, after, pageSize)));
    }

    private static async Task<Results<RenderedJsonResult<PlaceResponse>, ProblemHttpResult>> RandomPlace(IGrainFactory grains, PlacePageCache pages)
    {
        // Places are never deleted, so the drawn id always leads to a place.
        return await Discovery(grains).RandomAsync() is { } id && await pages.GetPageAsync(id) is { } place
            ? PlaceJsonWriter.Result(place)
            : ProblemResults.NotFound("Place");
    }

    private static async Task<Results<Ok<ItemsResponse<NearbyPlaceResponse>>, ValidationProblem>> Near(
        string? lat, string? lng, string? radiusKm, string? limit, IGrainFactory grains)
    {
        var query = new DiscoveryQuery();
        var center = new GeoLocation(query.Coordinate(lat, "lat", 90), query.Coordinate(lng, "lng", 180));
        var radius = query.RadiusKm(radiusKm);
        var count = query.Limit(limit);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        var nearby = await Discovery(grains).NearestAsync(center, radius, count, excludeId: null);
        return TypedResults.Ok(new ItemsResponse<NearbyPlaceResponse>([.. nearby.Select(NearbyPlaceResponse.From)]));
    }

    private static async Task<Results<Ok<ItemsResponse<NearbyPlaceResponse>>, ValidationProblem, ProblemHttpResult>> Nearby(
        string id, string? limit, IGrainFactory grains, PlacePageCache pages)
    {
        var query = new DiscoveryQuery();
        var count = query.Limit(limit, DefaultNearbyLimit);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        // The place's page says where it is: right even in the second after an edit moved it, unlike the index.
        if (!PlaceSlug.IsValid(id) || await pages.GetAsync(id) is not { } place)
        {
            return ProblemResults.NotFound("Place");
        }

        var location = new GeoLocation(place.Location.Latitude, place.Location.Longitude);
        var nearby = await Discovery(grains).NearestAsync(location, radiusKm: null, count, excludeId: id);
        return TypedResults.Ok(new ItemsResponse<NearbyPlaceResponse>([.. nearby.Select(NearbyPlaceResponse.From)]));
    }

    private static async Task<Results<Ok<ItemsResponse<PlaceSummaryResponse>>, ValidationProblem, ProblemHttpResult>> Related(
        string id, string? limit, IGrainFactory grains, PlacePageCache pages)
    {
        var query = new DiscoveryQuery();
        var count = query.Limit(limit);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        if (!PlaceSlug.IsValid(id) || await pages.GetAsync(id) is not { } place)
        {
            return ProblemResults.NotFound("Place");
        }

        var related = await Discovery(grains).RelatedAsync(id, place.Tags, count);
        return TypedResults.Ok(new ItemsResponse<PlaceSummaryResponse>([.. related.Select(PlaceSummaryResponse.From)]));
    }

    private static IDiscoveryGrain Discovery(IGrainFactory grains) => grains.GetGrain<IDiscoveryGrain>(0);
}
