using AtlasGrains.Gateway.Hosting;
using AtlasGrains.Gateway.LiveStats;
using AtlasGrains.Gateway.Places;
using Microsoft.AspNetCore.Http.HttpResults;

namespace AtlasGrains.Gateway.Endpoints;

/// <summary>A place's counts as they change, for the place page's buttons (Server-Sent Events, no sign-in).</summary>
public static class LiveStatsEndpoints
{
    public static IEndpointRouteBuilder MapLiveStats(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/places/{id}/stats/stream", StreamStats).WithTags("Places");
        return routes;
    }

    private static async Task<Results<PlaceStatsEventStream, ProblemHttpResult>> StreamStats(
        string id, PlaceStatsHub hub, CancellationToken cancellationToken) =>
        PlaceSlug.IsValid(id) && await hub.OpenAsync(id, cancellationToken) is { } stream
            ? new PlaceStatsEventStream(stream)
            : ProblemResults.NotFound("Place");
}
