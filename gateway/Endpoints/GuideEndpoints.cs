using AtlasGrains.Abstractions.Discovery;
using AtlasGrains.Gateway.Contracts;
using AtlasGrains.Gateway.Discovery;
using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.Paging;
using AtlasGrains.Gateway.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>The destination guide, tag pages and search, answered by the discovery index (<see cref="IDiscoveryGrain"/>).</summary>
public static class GuideEndpoints
{
    public static IEndpointRouteBuilder MapGuide(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/destinations", Destinations).WithTags("Discovery");
        routes.MapGet("/api/destinations/{country}", DestinationGuide).WithTags("Discovery");
        routes.MapGet("/api/tags/{tag}/places", Tagged).WithTags("Discovery");
        routes.MapGet("/api/search", Search).WithTags("Discovery");
        return routes;
    }

    private static async Task<Ok<ItemsResponse<DestinationResponse>>> Destinations(IGrainFactory grains) =>
        TypedResults.Ok(new ItemsResponse<DestinationResponse>([.. (await Discovery(grains).DestinationsAsync()).Select(DestinationResponse.From)]));

    private static async Task<Results<Ok<DestinationPageResponse>, ValidationProblem, ProblemHttpResult>> DestinationGuide(
        string country, string? limit, string? cursor, IGrainFactory grains)
    {
        var query = new DiscoveryQuery();
        var name = query.Text(country, "country");
        var pageSize = query.Limit(limit);
        var after = query.Cursor(cursor);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        if (await Discovery(grains).DestinationAsync(name, after, pageSize) is not { } guide)
        {
            return ProblemResults.NotFound("Destination");
        }

        var destination = guide.Destination;
        return TypedResults.Ok(new DestinationPageResponse(destination.Country, destination.Continent, destination.PlaceCount, Pages.Of(guide.Places)));
    }

    private static async Task<Results<Ok<Page<PlaceSummaryResponse>>, ValidationProblem, ProblemHttpResult>> Tagged(
        string tag, string? limit, string? cursor, IGrainFactory grains)
    {
        var query = new DiscoveryQuery();
        var name = query.Text(tag, "tag", PlaceValidation.MaxTagLength);
        var pageSize = query.Limit(limit);
        var after = query.Cursor(cursor);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        return await Discovery(grains).TaggedAsync(name, after, pageSize) is { } tagged
            ? TypedResults.Ok(Pages.Of(tagged))
            : ProblemResults.NotFound("Tag");
    }

    private static async Task<Results<Ok<ItemsResponse<PlaceSummaryResponse>>, ValidationProblem>> Search(
        string? q, string? limit, IGrainFactory grains)
    {
        var query = new DiscoveryQuery();
        var text = query.Text(q, "q");
        var count = query.Limit(limit);
        if (!query.IsValid)
        {
            return ProblemResults.Invalid(query.Errors);
        }

        var found = await Discovery(grains).SearchAsync(text, count);
        return TypedResults.Ok(new ItemsResponse<PlaceSummaryResponse>([.. found.Select(PlaceSummaryResponse.From)]));
    }

    private static IDiscoveryGrain Discovery(IGrainFactory grains) => grains.GetGrain<IDiscoveryGrain>(0);
}
